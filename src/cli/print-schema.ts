// Prints the schema to schema.graphql; with --check, fails when the committed file is stale.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from '../schema/index.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('-h') || args.includes('--help')) {
  console.log('usage: npm run schema:print (writes schema.graphql) | npm run schema:check (exit 1 when it is stale)');
  process.exit(0);
}
if (args.some((a) => a !== '--check')) {
  console.error(`unexpected argument ${args.find((a) => a !== '--check')?.slice(0, 40)}; see --help`);
  process.exit(2);
}
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schema.graphql');
const printed = `${printSchema(schema)}\n`;
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit the result.');
    process.exit(1);
  }
  console.log('schema.graphql is up to date.');
} else {
  fs.writeFileSync(file, printed);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
