import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/** The command that starts src/cli/<name>.ts: compiled by the global setup when it could, else through tsx. */
function command(name: string): string[] {
  const compiled = inject('pgdeskCompiled');
  if (compiled) return [path.join(compiled, 'src', 'cli', `${name}.js`)];
  // One Node process with tsx's loader, rather than the tsx binary, which starts a second one.
  return ['--import', 'tsx', path.resolve(`src/cli/${name}.ts`)];
}

/** Runs one of the project's CLIs (src/cli/<name>.ts) with extra environment; never throws. */
export async function cli(
  name: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...command(name), ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
