// Runs once per `vitest run`, before any test file:
// - makes this run's two template databases (one migrated with the gazetteer, one also seeded
//   with the corpus), so that each test file gets its own database as a copy
//   (CREATE DATABASE … TEMPLATE, milliseconds) instead of migrating and seeding one (seconds);
// - compiles src/ for the tests that start the CLIs (test/helpers/compiled-sources.ts).
// The names are unique to this run, so concurrent runs never share anything; all is removed when
// the run ends, and what a crashed run left behind is removed by a later one after an hour.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { prepareDatabase } from '../../src/services/setup.js';
import { compileSources, removeCompiled, removeStaleCompiled } from './compiled-sources.js';
import {
  createDatabaseNamed,
  databaseUrl,
  dropDatabaseNamed,
  dropStale,
  quote,
  TEMPLATE_PREFIX,
  type Templates,
  uniqueName,
  withAdmin,
} from './pg-admin.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's template databases; test/helpers/db.ts copies them. */
    pgdeskTemplates: Templates;
    /** A compiled copy of the project for test/helpers/cli.ts, or '' to run the CLIs through tsx. */
    pgdeskCompiled: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What a crashed run left behind is removed once it is this old. */
const STALE_AFTER_MS = 60 * 60 * 1000;

/** Migrates (and seeds) a database, then closes every connection to it. */
async function prepare(name: string, seedCorpus: boolean): Promise<void> {
  const db = await openDatabase({ ...loadConfig({}), databaseUrl: databaseUrl(name) });
  try {
    await prepareDatabase(db, { seedCorpus });
  } finally {
    await db.close();
  }
}

/** Creates the templates; every name in `created` is dropped at teardown, even after a failure. */
async function createTemplates(templates: Templates, created: string[]): Promise<void> {
  await withAdmin(async (admin) => {
    const stale = await dropStale(admin, STALE_AFTER_MS);
    if (stale.length) console.info(`[tests] dropped ${stale.length} database(s) left by crashed runs: ${stale.join(', ')}`);
    await createDatabaseNamed(admin, templates.migrated);
    created.push(templates.migrated);
    await prepare(templates.migrated, false);
    // The seeded template starts as a copy of the migrated one: migrations run once per run.
    await createDatabaseNamed(admin, templates.seeded, templates.migrated);
    created.push(templates.seeded);
    await prepare(templates.seeded, true);
    // Nobody may connect to a template, so copying it never finds it "accessed by other users".
    for (const name of created) await admin.query(`ALTER DATABASE ${quote(name)} WITH ALLOW_CONNECTIONS false`);
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const base = uniqueName(TEMPLATE_PREFIX);
  const templates: Templates = { migrated: `${base}_migrated`, seeded: `${base}_seeded` };
  const created: string[] = [];
  let compiled = '';
  const teardown = async () => {
    if (compiled) removeCompiled(compiled);
    await withAdmin(async (admin) => {
      for (const name of created) await dropDatabaseNamed(admin, name);
    });
  };
  removeStaleCompiled(STALE_AFTER_MS);
  const compiling = compileSources(ROOT).then(
    (dir) => {
      compiled = dir;
    },
    (err: Error) => console.warn(`[tests] could not compile src/ (${err.message}); the CLIs run through tsx`),
  );
  try {
    await createTemplates(templates, created);
  } catch (err) {
    await compiling;
    await teardown().catch(() => {});
    throw err;
  }
  await compiling;
  console.info(`[tests] template databases ${base}_{migrated,seeded} and compiled sources ready in ${Date.now() - started} ms`);
  project.provide('pgdeskTemplates', templates);
  project.provide('pgdeskCompiled', compiled);
  return teardown;
}
