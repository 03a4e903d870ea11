// The CLI tests start the project's CLIs dozens of times. Through tsx, every start compiles its
// TypeScript in a loader thread (about 1.5 s of each 5 s start on 2 busy cores). Once per run, the
// global setup compiles src/ with esbuild (the compiler tsx itself uses, with the same tsconfig),
// file by file into a temporary copy of the project whose other entries are links to the real
// ones, so paths found from import.meta.url (locales/, data/, prisma/) are the real ones.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const DIR_PREFIX = 'pgdesk-compiled-';

/** Removes a compiled copy: its links first (never what they point to), then the rest. */
export function removeCompiled(dir: string): void {
  if (!path.basename(dir).startsWith(DIR_PREFIX)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) fs.unlinkSync(path.join(dir, entry.name));
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Compiles root/src into a fresh temporary copy of root; returns the copy's folder. */
export async function compileSources(root: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  try {
    for (const entry of fs.readdirSync(root)) {
      if (entry !== 'src') fs.symlinkSync(path.join(root, entry), path.join(dir, entry));
    }
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(file);
        else if (!entry.name.endsWith('.ts')) {
          fs.mkdirSync(path.join(dir, path.relative(root, folder)), { recursive: true });
          fs.copyFileSync(file, path.join(dir, path.relative(root, file)));
        }
      }
    };
    walk(path.join(root, 'src'));
    // esbuild as tsx has it (a dependency of tsx, the project's own runner).
    const esbuild = createRequire(path.join(root, 'node_modules/tsx/package.json'))('esbuild') as {
      build(options: Record<string, unknown>): Promise<unknown>;
    };
    await esbuild.build({
      entryPoints: files,
      outbase: path.join(root, 'src'),
      outdir: path.join(dir, 'src'),
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      tsconfig: path.join(root, 'tsconfig.json'),
      logLevel: 'silent',
    });
    return dir;
  } catch (err) {
    removeCompiled(dir);
    throw err;
  }
}

/** Removes copies a crashed run left behind, once they are older than maxAgeMs. */
export function removeStaleCompiled(maxAgeMs: number): void {
  const cutoff = Date.now() - maxAgeMs;
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    try {
      if (fs.lstatSync(dir).mtimeMs < cutoff) removeCompiled(dir);
    } catch {
      // another run removed it first
    }
  }
}
