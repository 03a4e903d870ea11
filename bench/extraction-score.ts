// npx tsx bench/extraction-score.ts: precision, recall and F1 of entity extraction per kind and
// overall, on the development sets (test/fixtures/dev-2, dev-3) and the held-out sets
// (test/fixtures/held-out-2, held-out-3), against their hand-made gold lists (the rules are in
// test/fixtures/extraction-gold.md). `--set dev-3` (repeatable) scores only the sets named;
// `--dev` and `--held-out` all development or all held-out sets. `--verbose` lists each article's
// misses and false positives. The gazetteer is data/gazetteer.json as a fresh database loads it;
// the NLP proposals are on, as in ingestion.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractEntities, type FoundEntity } from '../src/ingest/extract.js';
import { Gazetteer } from '../src/ingest/gazetteer.js';
import { readGazetteerFile } from '../src/ingest/gazetteer-store.js';
import { loadNlp } from '../src/ingest/nlp.js';
import { parseArticle } from '../src/ingest/text.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
export const DEV_SET = path.join(FIXTURES, 'dev-2');
export const HELD_OUT_SET = path.join(FIXTURES, 'held-out-2');
export const DEV_SET_3 = path.join(FIXTURES, 'dev-3');
export const HELD_OUT_SET_3 = path.join(FIXTURES, 'held-out-3');
/** Every set by its folder's name, development sets first. */
export const SETS: Record<string, { dir: string; label: string; heldOut: boolean }> = {
  'dev-2': { dir: DEV_SET, label: 'development set (test/fixtures/dev-2)', heldOut: false },
  'dev-3': { dir: DEV_SET_3, label: 'development set (test/fixtures/dev-3)', heldOut: false },
  'held-out-2': { dir: HELD_OUT_SET, label: 'held-out set (test/fixtures/held-out-2)', heldOut: true },
  'held-out-3': { dir: HELD_OUT_SET_3, label: 'held-out set (test/fixtures/held-out-3)', heldOut: true },
};

export const KINDS = ['PERSON', 'PLACE', 'ORGANIZATION', 'DATE', 'QUANTITY'] as const;
export type Kind = (typeof KINDS)[number];

/** One entity of an article's gold list. */
export interface GoldEntity {
  kind: Kind;
  name: string;
  aliases?: string[];
  dateValue?: string;
  amount?: number;
  unit?: string;
}

/** What the scorer needs of a found entity: its kind, names, values, and the texts of its mentions. */
interface Scored {
  kind: string;
  name: string;
  names: string[];
  dateValue?: string;
  amount?: number;
  unit?: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ArticleScore {
  file: string;
  counts: Record<Kind, Counts>;
  missed: string[];
  spurious: string[];
}

export interface SetScore {
  articles: ArticleScore[];
  perKind: Record<Kind, Counts & { p: number; r: number; f1: number }>;
  overall: Counts & { p: number; r: number; f1: number };
}

const DATE_LEAD = /^(?:on|in|since|from|until|by|between|during)\s+/u;

/** A name as compared: lower case, straight quotes, collapsed spaces, no leading "the" (nor, for dates, a leading preposition). */
export function normalize(name: string, kind: string): string {
  let s = name.toLowerCase().replace(/[’‘]/gu, "'").replace(/[“”]/gu, '"').replace(/\s+/gu, ' ').trim();
  s = s.replace(/^the\s+/u, '');
  if (kind === 'DATE') s = s.replace(DATE_LEAD, '');
  return s.replace(/[.,;:]+$/u, '');
}

/** A unit as compared: its last word, without a plural "s". */
const unitKey = (unit: string) => (unit.toLowerCase().trim().split(/\s+/u).at(-1) ?? '').replace(/s$/u, '');

function matches(gold: GoldEntity, found: Scored): boolean {
  if (gold.kind !== found.kind) return false;
  if (gold.dateValue !== undefined && found.dateValue !== gold.dateValue) return false;
  if (gold.amount !== undefined && (found.amount === undefined || Math.abs(found.amount - gold.amount) > 1e-9 * Math.max(1, gold.amount))) {
    return false;
  }
  if (gold.unit !== undefined && (found.unit === undefined || unitKey(found.unit) !== unitKey(gold.unit))) return false;
  const goldNames = new Set([gold.name, ...(gold.aliases ?? [])].map((n) => normalize(n, gold.kind)));
  return found.names.some((n) => goldNames.has(normalize(n, gold.kind)));
}

const emptyCounts = (): Record<Kind, Counts> => Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<Kind, Counts>;

/**
 * Scores one article: each gold entity matches at most one found entity and each found entity at
 * most one gold entity (matches by the entity's own name are taken before matches by an alias or a
 * mention's text, so that "Kim" beside "Kim Yo Jong" is the extra one).
 */
export function scoreArticle(file: string, gold: GoldEntity[], found: Scored[]): ArticleScore {
  const counts = emptyCounts();
  const goldTaken = new Set<number>();
  const foundTaken = new Set<number>();
  const pair = (byOwnName: boolean) => {
    found.forEach((f, fi) => {
      if (foundTaken.has(fi)) return;
      const gi = gold.findIndex((g, i) => !goldTaken.has(i) && matches(g, byOwnName ? { ...f, names: [f.name] } : f));
      if (gi < 0) return;
      goldTaken.add(gi);
      foundTaken.add(fi);
    });
  };
  pair(true);
  pair(false);
  const missed: string[] = [];
  const spurious: string[] = [];
  gold.forEach((g, i) => {
    if (goldTaken.has(i)) counts[g.kind].tp++;
    else {
      counts[g.kind].fn++;
      missed.push(
        `${g.kind} ${g.name}${g.dateValue ? ` (${g.dateValue})` : ''}${g.amount !== undefined ? ` (${g.amount} ${g.unit ?? ''})` : ''}`,
      );
    }
  });
  found.forEach((f, i) => {
    if (foundTaken.has(i)) return;
    const kind = KINDS.find((k) => k === f.kind);
    if (kind) counts[kind].fp++;
    const value = f.dateValue ?? (f.amount !== undefined ? `${f.amount} ${f.unit ?? ''}` : '');
    spurious.push(`${f.kind} ${f.name}${value ? ` (${value})` : ''} [${[...new Set(f.names)].join(' | ')}]`);
  });
  return { file, counts, missed, spurious };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
function withRates(c: Counts) {
  const p = ratio(c.tp, c.tp + c.fp);
  const r = ratio(c.tp, c.tp + c.fn);
  return { ...c, p, r, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

/** The articles of a set: each `<name>.txt` with its `<name>.gold.json`. */
export function readSet(dir: string): Array<{ file: string; text: string; gold: GoldEntity[] }> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({
      file: f,
      text: fs.readFileSync(path.join(dir, f), 'utf8'),
      gold: JSON.parse(fs.readFileSync(path.join(dir, f.replace(/\.txt$/u, '.gold.json')), 'utf8')) as GoldEntity[],
    }));
}

/** Extracts each article of a set (gazetteer from data/gazetteer.json, proposals on) and scores it. */
export async function scoreSet(dir: string, gazetteer = new Gazetteer(readGazetteerFile())): Promise<SetScore> {
  await loadNlp();
  const articles = readSet(dir).map(({ file, text, gold }) => {
    const article = parseArticle(text);
    const result = extractEntities(
      article.paragraphs.map((p) => p.text),
      gazetteer,
      { publishedAt: article.publishedAt },
    );
    const surfaces = new Map<string, string[]>();
    for (const m of result.mentions) surfaces.set(m.entityKey, [...(surfaces.get(m.entityKey) ?? []), m.text]);
    const found: Scored[] = [...result.entities.values()].map((e: FoundEntity) => ({
      kind: e.kind,
      name: e.name,
      names: [e.name, ...e.aliases, ...(surfaces.get(e.key) ?? [])],
      dateValue: e.dateValue,
      amount: e.amount,
      unit: e.unit,
    }));
    return scoreArticle(file, gold, found);
  });
  const total = emptyCounts();
  for (const a of articles) {
    for (const k of KINDS) {
      total[k].tp += a.counts[k].tp;
      total[k].fp += a.counts[k].fp;
      total[k].fn += a.counts[k].fn;
    }
  }
  const overall = KINDS.reduce<Counts>((sum, k) => ({ tp: sum.tp + total[k].tp, fp: sum.fp + total[k].fp, fn: sum.fn + total[k].fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  return {
    articles,
    perKind: Object.fromEntries(KINDS.map((k) => [k, withRates(total[k])])) as SetScore['perKind'],
    overall: withRates(overall),
  };
}

const pct = (x: number) => x.toFixed(2);

export function formatScore(label: string, score: SetScore, verbose = false): string {
  const lines = [`${label} (${score.articles.length} articles)`, '  kind          gold found   P     R     F1'];
  const row = (name: string, c: Counts & { p: number; r: number; f1: number }) =>
    `  ${name.padEnd(13)} ${String(c.tp + c.fn).padStart(4)} ${String(c.tp + c.fp).padStart(5)}  ${pct(c.p)}  ${pct(c.r)}  ${pct(c.f1)}`;
  for (const k of KINDS) lines.push(row(k, score.perKind[k]));
  lines.push(row('all', score.overall));
  if (verbose) {
    for (const a of score.articles) {
      if (!a.missed.length && !a.spurious.length) continue;
      lines.push(`  ${a.file}`);
      for (const m of a.missed) lines.push(`    missed   ${m}`);
      for (const s of a.spurious) lines.push(`    spurious ${s}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const named = args.flatMap((a, i) => (a === '--set' && args[i + 1] ? [args[i + 1] as string] : []));
  const unknown = named.filter((n) => !(n in SETS));
  if (unknown.length) {
    console.error(`unknown set: ${unknown.join(', ')} (known: ${Object.keys(SETS).join(', ')})`);
    process.exit(2);
  }
  const heldOut = args.includes('--dev') ? false : args.includes('--held-out') ? true : null;
  for (const [name, set] of Object.entries(SETS)) {
    if (named.length ? !named.includes(name) : heldOut !== null && set.heldOut !== heldOut) continue;
    if (!fs.existsSync(set.dir)) continue;
    console.log(formatScore(set.label, await scoreSet(set.dir), verbose));
  }
}
