// Compiles src/ to dist/ (tsconfig.build.json) when dist/ is missing or older than any source file,
// so `npm start` always runs what src/ says without paying for a compile on every start; then builds
// the desk (web/ → dist/web/, scripts/build-desk.mjs) when it is missing or older than web/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deskStale } from './build-desk.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** True when dist/ must be rebuilt. */
export function stale() {
  if (!fs.existsSync(path.join(root, 'dist', 'main.js')) || !fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  return [path.join(root, 'src'), path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')].some((p) =>
    fs.statSync(p).isDirectory() ? newest(p) > built : fs.statSync(p).mtimeMs > built,
  );
}

/** Builds dist/web/ (the desk) if it is stale, in a child process; exits the process if that fails. */
function buildDesk(force) {
  if (!force && !deskStale()) return;
  const args = [path.join(root, 'scripts', 'build-desk.mjs'), ...(force ? ['--force'] : [])];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Builds dist/ and dist/web/ if they are stale; exits the process if a build fails. */
export function buildIfStale({ force = false } = {}) {
  buildServer(force);
  buildDesk(force);
}

function buildServer(force) {
  if (!force && !stale()) return;
  console.error('[build] compiling src/ to dist/');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('[build] the TypeScript build failed; see above');
    process.exit(result.status ?? 1);
  }
  // tsc leaves the stamp untouched when nothing changed: touch it so the next check is quick.
  const now = new Date();
  fs.utimesSync(stamp, now, now);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale({ force: process.argv.includes('--force') });
