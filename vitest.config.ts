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
    // Test files run in parallel, two at a time, each in its own worker thread with its own module
    // instances and its own database. (Vitest's default is one worker per CPU but one: on 2 CPUs, a
    // single worker running one file after another.) Whole suite on a quiet 2-CPU machine, wall
    // time: threads with 2 workers 140 s; forks with 2 workers 147-162 s, with 3 175 s. Under load
    // (7-15) more than 2 workers was no faster and brought tests nearer their timeouts.
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
