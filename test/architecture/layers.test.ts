// The layer map: doors (CLIs, GraphQL schema) on top, then resolvers and services, then ingest, i18n
// and db, then lib. Biome's noRestrictedImports enforces it per folder (biome.json); these tests plant
// wrong-way imports to prove the linter refuses them, and read the real import graph for cycles.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIOME = path.resolve('node_modules/.bin/biome');

interface Diagnostic {
  category: string;
  location: { path: string };
}

/** Lints planted files (path → source) with the project's biome.json, in a scratch copy of the layout. */
async function lint(files: Record<string, string>): Promise<Diagnostic[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-layers-'));
  try {
    fs.copyFileSync('biome.json', path.join(root, 'biome.json'));
    for (const [file, source] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), source);
    }
    const result = await run(BIOME, ['lint', '--reporter=json', '.'], { cwd: root }).catch((err) => err as { stdout: string });
    const json = result.stdout.slice(result.stdout.indexOf('{'));
    return (JSON.parse(json) as { diagnostics: Diagnostic[] }).diagnostics;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const importing = (specifier: string) => `import { x } from '${specifier}';\n\nexport const y = x;\n`;

describe('layers', () => {
  it('the linter refuses imports that run up a layer', async () => {
    const planted = {
      'src/i18n/planted.ts': importing('../schema/builder.js'),
      'src/i18n/planted-resolver.ts': importing('../resolvers/localize.js'),
      'src/i18n/planted-context.ts': importing('../context.js'),
      'src/db/planted.ts': importing('../ingest/index.js'),
      'src/ingest/planted.ts': importing('../services/setup.js'),
      'src/services/planted.ts': importing('../schema/index.js'),
      'src/resolvers/planted.ts': importing('../schema/builder.js'),
      'src/cli/planted.ts': importing('../resolvers/articles.js'),
      'src/lib/planted.ts': importing('../db/client.js'),
      // The desk is a door like the CLIs: it calls services, never resolvers, the schema or the server.
      'src/desk/planted.ts': importing('../resolvers/articles.js'),
      'src/desk/planted-server.ts': importing('../server.js'),
      'src/services/planted-desk.ts': importing('../desk/serve.js'),
    };
    const refused = (await lint(planted)).filter((d) => d.category === 'lint/style/noRestrictedImports').map((d) => d.location.path);
    expect(refused.sort()).toEqual(Object.keys(planted).sort());
  });

  it('the linter accepts imports that point down', async () => {
    const diagnostics = await lint({
      'src/services/fine.ts': importing('../ingest/index.js'),
      'src/resolvers/fine.ts': importing('../services/ingest.js'),
      'src/schema/fine.ts': importing('../resolvers/articles.js'),
      'src/cli/fine.ts': importing('../services/translations.js'),
      'src/i18n/fine.ts': importing('../lib/files.js'),
      'src/desk/fine.ts': importing('../services/translations.js'),
    });
    expect(diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports')).toEqual([]);
  });

  it('the source has no import cycle', () => {
    const files = fs
      .readdirSync('src', { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('generated'))
      .map((e) => path.join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(20);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      // Value imports and re-exports (`export … from` loads the module too); type-only ones vanish at run time.
      const targets = [...source.matchAll(/(?:^(?:import|export)(?!\s+type)[^'";]*from\s*|import\()\s*'(\.[^']+)'/gm)]
        .map((m) => path.join(path.dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')))
        .filter((t) => graph.has(t) || files.includes(t));
      graph.set(file, targets);
    }
    // The reader sees real edges (a graph without any would have no cycle either).
    expect(graph.get(path.join('src', 'yoga.ts'))).toContain(path.join('src', 'schema', 'index.ts'));
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file]);
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
