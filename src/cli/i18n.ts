// Translators' commands, run as npm scripts:
//   i18n:status [--json] [--lang L]      what is translated, missing and stale, per language and namespace
//   i18n:check                           every problem, one line each; exit 1 on any error
//   i18n:mark-current --lang L [--key namespace:key …]   record reviewed translations as current
//   i18n:export --lang L [--missing|--stale|--glossary] --format xliff|xliff12|po [--out FILE]
//   i18n:import <file>                   validate like i18n:check; write nothing if anything fails
// They read the locale files (LOCALES_DIR, default locales/) and the articles and entities in the
// database (DATABASE_URL, or the embedded one, seeded with the corpus when empty).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { Catalog } from '../i18n/catalog.js';
import { checkLocales, formatProblem, type GlossaryEntity, type Problem } from '../i18n/check.js';
import { ExchangeError, exportUnits, type Format, markCurrent, parseExchange, serialize, setPath, writtenValue } from '../i18n/exchange.js';
import { LANGUAGES, type Language, matchLanguage } from '../i18n/languages.js';
import { translationStatus } from '../i18n/status.js';
import { translationUnits, type Unit, unitsFor } from '../i18n/units.js';
import { writeAtomic } from '../lib/files.js';
import { prepareDatabase } from '../services/setup.js';

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2).filter((a) => a !== '--');
const { values: flags, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    key: { type: 'string', multiple: true },
    missing: { type: 'boolean' },
    stale: { type: 'boolean' },
    glossary: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
});

function language(required: boolean): Language | undefined {
  if (!flags.lang) {
    if (required) throw new UsageError('--lang is required (ko, zh-Hans or zh-Hant)');
    return undefined;
  }
  const matched = matchLanguage(flags.lang);
  if (!matched || matched !== flags.lang) throw new UsageError(`--lang "${flags.lang.slice(0, 40)}" is not one of ${LANGUAGES.join(', ')}`);
  return matched;
}

async function glossaryEntities(prisma: PrismaClient): Promise<Map<string, GlossaryEntity>> {
  const rows = await prisma.entity.findMany({
    where: { articles: { some: {} } },
    select: { key: true, kind: true, name: true, dateValue: true },
  });
  return new Map(rows.map((r) => [r.key, r]));
}

function fileTexts(root: string): Map<string, string> {
  const texts = new Map<string, string>();
  for (const lang of LANGUAGES) {
    const dir = path.join(root, lang);
    if (!fs.existsSync(dir)) continue;
    for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (e.isFile() && e.name.endsWith('.json')) {
        const file = path.join(e.parentPath, e.name);
        texts.set(`${lang}/${path.relative(dir, file).split(path.sep).join('/')}`, fs.readFileSync(file, 'utf8'));
      }
    }
  }
  return texts;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<number> {
  if (!command || !['status', 'check', 'mark-current', 'export', 'import'].includes(command)) {
    throw new UsageError('usage: npm run i18n:status | i18n:check | i18n:mark-current | i18n:export | i18n:import (see locales/README.md)');
  }
  const config = loadConfig();
  const root = config.localesDir;
  const lang = language(command === 'mark-current' || command === 'export');
  const db = await openDatabase(config);
  try {
    await prepareDatabase(db, { maxBytes: config.ingestMaxBytes });
    const catalog = Catalog.load(root);
    const units = await translationUnits(db.prisma, catalog);

    if (command === 'status') {
      const statuses = (lang ? [lang] : LANGUAGES.filter((l) => l !== 'en')).map((l) => translationStatus(catalog, units, l));
      if (flags.json) {
        console.log(JSON.stringify(statuses, null, 2));
      } else {
        const rows = [['language', 'namespace', 'total', 'translated', 'missing', 'stale', 'coverage']];
        for (const s of statuses) {
          for (const n of s.namespaces)
            rows.push([s.language, n.namespace, `${n.total}`, `${n.translated}`, `${n.missing}`, `${n.stale}`, pct(n.coverage)]);
          rows.push([s.language, '(all)', `${s.total}`, `${s.translated}`, `${s.missing}`, `${s.stale}`, pct(s.coverage)]);
        }
        const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
        for (const r of rows) console.log(r.map((c, i) => (i >= 2 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  '));
        for (const e of catalog.errors) console.log(`error: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
      }
      return catalog.errors.length ? 1 : 0;
    }

    if (command === 'check') {
      const problems = checkLocales({ catalog, units, entities: await glossaryEntities(db.prisma), texts: fileTexts(root) });
      for (const p of problems) console.log(formatProblem(p));
      const errors = problems.filter((p) => p.severity === 'error').length;
      console.log(`${errors} error(s), ${problems.length - errors} warning(s) in ${root}`);
      return errors ? 1 : 0;
    }

    if (command === 'mark-current') {
      const target = lang as Language;
      const wanted = flags.key ? new Set(flags.key) : null;
      const chosen = unitsFor(units, target).filter(
        (u) =>
          (wanted ? wanted.has(`${u.namespace}:${u.key}`) : true) &&
          catalog.has(target, u.namespace, u.key) &&
          catalog.authorOf(target, u.namespace, u.key) === target,
      );
      const unknown = [...(wanted ?? [])].filter((k) => !chosen.some((u) => `${u.namespace}:${u.key}` === k));
      if (unknown.length) throw new UsageError(`no ${target} translation for: ${unknown.join(', ')}`);
      markCurrent(root, catalog.records.get(target) ?? {}, target, chosen);
      console.log(`marked ${chosen.length} ${target} translation(s) current`);
      return 0;
    }

    if (command === 'export') {
      const target = lang as Language;
      const format = (flags.format ?? 'xliff') as Format;
      if (!['xliff', 'xliff12', 'po'].includes(format)) throw new UsageError('--format must be xliff (2.0), xliff12 or po');
      let chosen: Unit[] = unitsFor(units, target);
      if (flags.glossary) chosen = chosen.filter((u) => u.namespace === 'entities');
      if (flags.missing) chosen = chosen.filter((u) => !catalog.has(target, u.namespace, u.key));
      if (flags.stale) chosen = chosen.filter((u) => catalog.isStale(target, u.namespace, u.key, u.sourceHash));
      const text = await exportUnits(chosen, catalog, target, format);
      if (flags.out) {
        writeAtomic(path.resolve(flags.out), text);
        console.error(`wrote ${chosen.length} unit(s) to ${flags.out}`);
      } else process.stdout.write(text);
      return 0;
    }

    // import
    const file = positionals[0];
    if (!file) throw new UsageError('usage: npm run i18n:import -- <file.xlf|file.po>');
    let parsed: Awaited<ReturnType<typeof parseExchange>>;
    try {
      parsed = await parseExchange(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      if (err instanceof ExchangeError) {
        console.error(`${file}: ${err.message}; nothing written`);
        return 1;
      }
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
      throw err;
    }
    const byKey = new Map(units.map((u) => [`${u.namespace}:${u.key}`, u]));
    const problems: Problem[] = [];
    // A broken file would be rebuilt from the imported keys alone: fix it first.
    for (const e of catalog.errors.filter((x) => x.file.startsWith(`${parsed.language}/`))) {
      problems.push({
        severity: 'error',
        file: e.file,
        line: e.line,
        key: null,
        message: `${e.message}; fix this file before importing into it`,
      });
    }
    for (const e of parsed.entries) {
      if (!byKey.has(`${e.namespace}:${e.key}`))
        problems.push({
          severity: 'error',
          file,
          line: null,
          key: `${e.namespace}:${e.key}`,
          message: 'no such key in the source language',
        });
    }
    // Apply to a copy of the locale files, check the copy, and only then touch the real ones.
    const changed = new Map<string, Record<string, unknown>>();
    const files = catalog.files.get(parsed.language) ?? new Map();
    for (const e of parsed.entries) {
      if (!byKey.has(`${e.namespace}:${e.key}`)) continue;
      const current = (changed.get(e.namespace) ?? files.get(e.namespace) ?? {}) as Parameters<typeof setPath>[0];
      changed.set(e.namespace, setPath(current, e.key, e.target));
    }
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-import-'));
    try {
      fs.cpSync(root, scratch, { recursive: true });
      for (const [ns, data] of changed) writeAtomic(path.join(scratch, parsed.language, `${ns}.json`), serialize(data));
      const trial = Catalog.load(scratch);
      // The whole language is checked, as i18n:check would: an import must not break other strings
      // (a new entity name can fail the glossary of paragraphs the file does not contain).
      const found = checkLocales({
        catalog: trial,
        units,
        entities: await glossaryEntities(db.prisma),
        texts: fileTexts(scratch),
        languages: [parsed.language],
      });
      problems.push(...found.filter((p) => p.severity === 'error'));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
    if (problems.length) {
      for (const p of problems) console.error(formatProblem(p));
      console.error(`${file}: ${problems.length} error(s); nothing written`);
      return 1;
    }
    for (const [ns, data] of changed) {
      const target = path.join(root, parsed.language, `${ns}.json`);
      const text = serialize(data);
      if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) writeAtomic(target, text);
    }
    // Marked current: what the file changed, and, from PO, every entry no longer flagged fuzzy (stale
    // units are exported fuzzy, so clearing the flag is the translator's review). An unchanged XLIFF
    // round trip leaves stale translations stale.
    const imported = parsed.entries.map((e) => byKey.get(`${e.namespace}:${e.key}`)).filter((u): u is Unit => !!u);
    const reviewed = parsed.entries
      .filter((e) => parsed.format === 'po' || writtenValue(catalog, parsed.language, e.namespace, e.key) !== e.target)
      .map((e) => byKey.get(`${e.namespace}:${e.key}`))
      .filter((u): u is Unit => !!u);
    if (reviewed.length) markCurrent(root, catalog.records.get(parsed.language) ?? {}, parsed.language, reviewed);
    console.log(
      `imported ${imported.length} ${parsed.language} translation(s) from ${file} (${parsed.format}); ${reviewed.length} marked current`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof UsageError || err instanceof ConfigError) console.error(err.message);
    else console.error(err);
    process.exitCode = 2;
  },
);
