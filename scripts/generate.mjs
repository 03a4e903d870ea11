// Generates the Prisma client and the Pothos types into src/generated/.
// `prisma generate` never runs the schema engine, but the CLI insists on locating one and would
// try to download it; naming any existing file through PRISMA_SCHEMA_ENGINE_BINARY satisfies it
// without network access.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
// The pothos generator is found by its bin name, as npm scripts would find it.
env.PATH = [path.resolve('node_modules/.bin'), env.PATH].join(path.delimiter);
const cli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
