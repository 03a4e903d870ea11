// Medians over rounds, per-round ratios, and the markdown tables of npm run bench:peer.
import { type Kind, QUERIES, type QueryId, sameAsQ1 } from './queries.js';

export interface Measurement {
  round: number;
  query: QueryId;
  target: string;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  nodeCpuMsPerReq: number;
  pgCpuMsPerReq: number;
  rssPeakMb: number;
  /** CPU of this process (autocannon) per request: it shares the machine with the target and PostgreSQL. */
  loadGeneratorCpuMsPerReq: number;
  /** CPU used meanwhile by processes other than the target, its PostgreSQL backends and this one, in cores. */
  otherCpuShare: number;
  cacheHit: number;
  cacheMiss: number;
}

export interface TargetInfo {
  id: string;
  label: string;
  kind: Kind;
  rssIdleMb: number;
}

export interface StatementCount {
  /** Execute + Query messages per operation, on warm connections. */
  perOp: number;
  execute: number;
  query: number;
  parse: number;
  operations: number;
  /** Connections opened while counting (0 when every statement ran on a warm connection). */
  newConnections: number;
}

export type Statements = Record<string, Partial<Record<QueryId, StatementCount>>>;

export const median = (values: number[]): number => {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const PEER = 'postgraphile';

export interface Row {
  query: QueryId;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  nodeCpuMsPerReq: number;
  pgCpuMsPerReq: number;
  rssIdleMb: number;
  rssPeakMb: number;
  statementsPerOp: number | null;
  /** Parse messages per operation: 0 when every statement reuses a named prepared statement. */
  parsesPerOp: number | null;
  /** Medians over rounds of this target's figure ÷ PostGraphile's in the same round. */
  vsPeer: { rps: number; cpuPerReq: number; p50: number };
  cacheHitRatio: number | null;
}

export interface Summary {
  rows: Row[];
  /** polyglot-desk's Q1 ko ÷ Q1 en, per target id (medians of per-round ratios). */
  koVsEn: Record<string, { rps: number; cpuPerReq: number }>;
  /** polyglot-desk cache on ÷ off, per query (medians of per-round ratios). */
  cacheOnVsOff: Partial<Record<QueryId, { rps: number; cpuPerReq: number }>>;
}

const cpuPerReq = (m: Measurement) => m.nodeCpuMsPerReq + m.pgCpuMsPerReq;
const parses = (count: StatementCount | undefined) => (count ? count.parse / count.operations : null);

export function summarize(targets: TargetInfo[], measurements: Measurement[], statements: Statements, rounds: number): Summary {
  /** The measurement of a target for a query in a round; PostGraphile's and raw's Q1 ko is their Q1 en. */
  const find = (target: TargetInfo, query: QueryId, round: number) =>
    measurements.find((m) => m.target === target.id && m.round === round && m.query === (sameAsQ1(target.kind, query) ? 'Q1 en' : query));
  const byId = new Map(targets.map((t) => [t.id, t]));
  const ratios = (a: TargetInfo, qa: QueryId, b: TargetInfo, qb: QueryId) => {
    const rps: number[] = [];
    const cpu: number[] = [];
    const p50: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const x = find(a, qa, round);
      const y = find(b, qb, round);
      if (!x || !y) continue;
      rps.push(x.rps / y.rps);
      cpu.push(cpuPerReq(x) / cpuPerReq(y));
      p50.push(x.p50 / y.p50);
    }
    return { rps: median(rps), cpuPerReq: median(cpu), p50: median(p50) };
  };
  const peer = byId.get(PEER);
  const rows: Row[] = [];
  for (const query of QUERIES) {
    for (const target of targets) {
      if (sameAsQ1(target.kind, query)) continue;
      const ms = measurements.filter((m) => m.target === target.id && m.query === query);
      if (!ms.length) continue;
      const hits = ms.reduce((n, m) => n + m.cacheHit, 0);
      const misses = ms.reduce((n, m) => n + m.cacheMiss, 0);
      rows.push({
        query,
        target: target.id,
        rps: median(ms.map((m) => m.rps)),
        p50: median(ms.map((m) => m.p50)),
        p99: median(ms.map((m) => m.p99)),
        nodeCpuMsPerReq: median(ms.map((m) => m.nodeCpuMsPerReq)),
        pgCpuMsPerReq: median(ms.map((m) => m.pgCpuMsPerReq)),
        rssIdleMb: target.rssIdleMb,
        rssPeakMb: Math.max(...ms.map((m) => m.rssPeakMb)),
        statementsPerOp: statements[target.id]?.[query]?.perOp ?? null,
        parsesPerOp: parses(statements[target.id]?.[query]),
        vsPeer: peer ? ratios(target, query, peer, query) : { rps: Number.NaN, cpuPerReq: Number.NaN, p50: Number.NaN },
        cacheHitRatio: hits + misses ? hits / (hits + misses) : null,
      });
    }
  }
  const koVsEn: Summary['koVsEn'] = {};
  for (const target of targets.filter((t) => t.kind === 'desk')) {
    const { rps, cpuPerReq } = ratios(target, 'Q1 ko', target, 'Q1 en');
    koVsEn[target.id] = { rps, cpuPerReq };
  }
  const cacheOnVsOff: Summary['cacheOnVsOff'] = {};
  const off = byId.get('desk');
  const on = byId.get('desk-cache');
  if (off && on) {
    for (const query of QUERIES) {
      const { rps, cpuPerReq } = ratios(on, query, off, query);
      cacheOnVsOff[query] = { rps, cpuPerReq };
    }
  }
  return { rows, koVsEn, cacheOnVsOff };
}

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const times = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(2)}×`);

function table(header: string[], rows: string[][], align: Array<'l' | 'r'>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (align[i] === 'r' ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function markdown(summary: Summary, targets: TargetInfo[], measurements: Measurement[], cacheHeaderSeen: boolean): string {
  const label = (id: string) => targets.find((t) => t.id === id)?.label ?? id;
  const main = table(
    [
      'query',
      'target',
      'req/s',
      'p50 ms',
      'p99 ms',
      'Node CPU ms/req',
      'PG CPU ms/req',
      'RSS idle MB',
      'RSS peak MB',
      'SQL stmts/op',
      'parses/op',
      'req/s vs PostGraphile',
      'CPU/req vs PostGraphile',
    ],
    summary.rows.map((r) => [
      r.query,
      label(r.target),
      fixed(r.rps, 0),
      fixed(r.p50, 1),
      fixed(r.p99, 1),
      fixed(r.nodeCpuMsPerReq, 3),
      fixed(r.pgCpuMsPerReq, 3),
      fixed(r.rssIdleMb, 0),
      fixed(r.rssPeakMb, 0),
      fixed(r.statementsPerOp, 1),
      fixed(r.parsesPerOp, 1),
      times(r.vsPeer.rps),
      times(r.vsPeer.cpuPerReq),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
  const desk = targets.filter((t) => t.kind === 'desk');
  const ko = table(
    ['polyglot-desk: Q1 ko ÷ Q1 en', ...desk.map((t) => t.label)],
    [
      ['req/s', ...desk.map((t) => times(summary.koVsEn[t.id]?.rps ?? Number.NaN))],
      ['CPU ms/req (Node + PG)', ...desk.map((t) => times(summary.koVsEn[t.id]?.cpuPerReq ?? Number.NaN))],
    ],
    ['l', ...desk.map(() => 'r' as const)],
  );
  const hitRatio = (query: QueryId) => {
    const row = summary.rows.find((r) => r.target === 'desk-cache' && r.query === query);
    return row?.cacheHitRatio === null || row?.cacheHitRatio === undefined ? 'no header' : `${(row.cacheHitRatio * 100).toFixed(1)} %`;
  };
  const cache = table(
    ['polyglot-desk: cache on ÷ off', ...QUERIES],
    [
      ['req/s', ...QUERIES.map((q) => times(summary.cacheOnVsOff[q]?.rps ?? Number.NaN))],
      ['CPU ms/req (Node + PG)', ...QUERIES.map((q) => times(summary.cacheOnVsOff[q]?.cpuPerReq ?? Number.NaN))],
      ['x-cache HIT ratio (cache on)', ...QUERIES.map(hitRatio)],
    ],
    ['l', 'r', 'r', 'r'],
  );
  const notes = [
    'Figures are medians over rounds; ratios are medians of per-round ratios (targets interleaved within each round).',
    'PostGraphile and raw pg serve only the English text: their Q1 ko is their Q1 en, so "Q1 ko" rows compare with PostGraphile\'s Q1 en.',
    'CPU/req = Node CPU + PostgreSQL backend CPU per request. SQL stmts/op = Execute + simple Query messages per operation on warm connections (counted by a proxy in a separate phase); parses/op = Parse messages (0: named prepared statements reused).',
    'RSS idle is read once after start-up and the answer checks; RSS peak is the highest 100 ms sample during the measured runs of that query (it can be lower than idle when V8 has given memory back since).',
    'The load generator (autocannon, in the benchmark process) shares the cores with the target and PostgreSQL; its CPU per request is in the JSON.',
  ];
  const other = measurements.map((m) => m.otherCpuShare);
  notes.push(
    `Everything else on the machine (other processes, PostgreSQL background work) used a median of ${median(other).toFixed(2)} cores (max ${Math.max(...other).toFixed(2)}) during the measured runs.`,
  );
  if (!cacheHeaderSeen) notes.push('The x-cache response header never appeared: no response-cache hits or misses were reported.');
  return [main, '', ko, '', cache, '', ...notes.map((n) => `- ${n}`)].join('\n');
}
