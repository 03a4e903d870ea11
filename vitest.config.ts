import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds. Node loads the CommonJS one for the
    // libraries; Vite would load the ESM one for our files, and graphql refuses types from two copies.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Once per run: this run's template databases (migrated; migrated and seeded), which each test
    // file copies into its own database in milliseconds (test/helpers/db.ts), and src/ compiled for
    // the tests that start the CLIs (test/helpers/cli.ts); names unique to the run, removed at the end.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Test files run in parallel, each in its own process with its own database. (Vitest's default
    // is one worker per CPU but one: on 2 CPUs, a single worker running one file after another.)
    // Whole suite on 2 CPUs shared with other work (load 7-15), wall time: 2 workers 231 s, 252 s,
    // 265 s; 3 workers 228 s, 295 s, 310 s; 4 workers 243 s. More than 2 is no faster, and it
    // makes each test slower (imports alone 80 s with 2, 220 s with 3), so tests came nearer
    // their timeouts and some reached them.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
