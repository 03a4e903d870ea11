// Large input in linear time. A 1 MB one-line file used to take minutes (quadratic regular
// expressions on `text.slice(0, i)`, overlap checks against every span, compromise's offsets over a
// whole paragraph); now a line over MAX_PARAGRAPH_CHARS is refused at once, what is accepted is
// extracted in time linear in its length, and the linear helpers agree with what they replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate, FoundEntity } from '../../src/ingest/extract/candidates.js';
import { NLP_PIECE_CHARS, nlpPieces } from '../../src/ingest/extract/proposals.js';
import { resolve } from '../../src/ingest/extract/resolve.js';
import { followsSentenceEnd, wordBefore } from '../../src/ingest/extract/spans.js';
import { extractEntities } from '../../src/ingest/extract.js';
import { loadGazetteer } from '../../src/ingest/gazetteer-store.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { MAX_PARAGRAPH_CHARS, splitFrontMatter, splitParagraphs } from '../../src/ingest/text.js';
import { ingestFiles } from '../../src/services/ingest.js';
import { rowCounts, useTestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

await loadNlp();

const t = useTestDatabase({ seedCorpus: false });
const SEED_BODY = splitFrontMatter(fs.readFileSync(SEED_FILE, 'utf8')).body.split('\n').filter(Boolean).join(' ');
/** The seed article's paragraphs on one line, repeated to about `chars` characters. */
const oneLine = (chars: number) => {
  const copies = Math.max(1, Math.floor(chars / (SEED_BODY.length + 1)));
  return Array.from({ length: copies }, () => SEED_BODY).join(' ');
};
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-linear-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const seconds = async <T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number }> => {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
};

describe('a 1 MB file on one line', () => {
  it('is refused in well under 10 s with PARAGRAPH_TOO_LONG, and nothing is written', async () => {
    const file = path.join(dir, 'one-line.txt');
    fs.writeFileSync(file, `---\nslug: one-line\n---\n${oneLine(1_000_000)}\n`);
    expect(fs.statSync(file).size).toBeGreaterThan(950_000);
    const before = await rowCounts(t.db);
    const { value: result, seconds: took } = await seconds(() => ingestFiles(t.db, [file], { maxBytes: 1024 * 1024 }));
    console.info(`[linear] 1 MB one-line file refused in ${took.toFixed(2)} s`);
    expect(took).toBeLessThan(10);
    expect(result.files[0]).toMatchObject({
      ok: false,
      error: {
        code: 'PARAGRAPH_TOO_LONG',
        message: expect.stringMatching(
          /^paragraph 1 is [\d,]+ characters long, over the limit of 20,000; a file holds one paragraph per line/,
        ),
      },
    });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('the longest paragraph accepted is ingested in under 10 s', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'longest.txt');
    const text = oneLine(MAX_PARAGRAPH_CHARS);
    expect(text.length).toBeLessThanOrEqual(MAX_PARAGRAPH_CHARS);
    expect(text.length).toBeGreaterThan(MAX_PARAGRAPH_CHARS - SEED_BODY.length - 1);
    fs.writeFileSync(file, `---\nslug: longest-paragraph\ntitle: The longest paragraph\n---\n${text}\n`);
    const { value: result, seconds: took } = await seconds(() => ingestFiles(t.db, [file], { maxBytes: 1024 * 1024 }));
    console.info(`[linear] a ${text.length}-character paragraph ingested in ${took.toFixed(2)} s`);
    expect(result.files[0]).toMatchObject({ ok: true, result: { status: 'created', paragraphs: { total: 1 } } });
    expect(took).toBeLessThan(10);
  });

  it('is extracted in linear time by the gazetteer, the rules and the references (1 MB in under 10 s)', { timeout: 60_000 }, async () => {
    const gazetteer = await loadGazetteer(t.db.prisma);
    const small = oneLine(100_000);
    const large = oneLine(1_000_000);
    const a = await seconds(() => extractEntities([small], gazetteer, { proposals: false }));
    const b = await seconds(() => extractEntities([large], gazetteer, { proposals: false }));
    console.info(`[linear] extraction without proposals: 100 KB ${a.seconds.toFixed(2)} s, 1 MB ${b.seconds.toFixed(2)} s`);
    expect(b.seconds).toBeLessThan(10);
    // Ten times the text, ten times the mentions: every copy of the seed is found alike.
    const copies = (text: string) => text.split(SEED_BODY).length - 1;
    expect(b.value.mentions.length / copies(large)).toBe(a.value.mentions.length / copies(small));
  });

  it('splits a line of a million spaces, and front matter padded with them, in linear time', async () => {
    const padded = `a${' '.repeat(1_000_000)}b`;
    const { value, seconds: took } = await seconds(() => splitParagraphs(`  ${padded}  \n\n x `));
    expect(value.map((p) => p.text)).toEqual([padded, 'x']);
    const front = await seconds(() => splitFrontMatter(`---\ntitle: a${' '.repeat(500_000)}b${' '.repeat(500_000)}\n---\nBody.`));
    expect(front.value.meta.title).toBe(`a${' '.repeat(500_000)}b`);
    expect(took + front.seconds).toBeLessThan(2);
  });
});

describe('the NLP libraries read long paragraphs in pieces', () => {
  it('cut after a sentence, else at a space, never in a surrogate pair; short paragraphs whole', () => {
    expect(nlpPieces('One sentence. Two.')).toEqual([{ start: 0, text: 'One sentence. Two.' }]);
    const text = oneLine(10_000);
    const pieces = nlpPieces(text);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces) {
      expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
      expect(p.text.length).toBeLessThanOrEqual(NLP_PIECE_CHARS);
    }
    for (const p of pieces.slice(0, -1)) expect(p.text).toMatch(/[.!?]["”’)\]]*\s+$/u);
    const words = Array.from({ length: 2000 }, () => 'word').join(' ');
    expect(nlpPieces(words).every((p, n, all) => n === all.length - 1 || p.text.endsWith(' '))).toBe(true);
    const emoji = '😀'.repeat(5000);
    const cut = nlpPieces(emoji);
    expect(cut.map((p) => p.text).join('')).toBe(emoji);
    for (const p of cut) expect(p.text.length % 2).toBe(0);
  });
});

describe('the linear helpers agree with the expressions they replaced', () => {
  // A small alphabet, so that every case (spaces, quotes, stops, letters, astral letters) comes up often.
  const ALPHABET = ['a', 'T', 'h', 'e', 'the', 'The', 'its', ' ', '  ', '\u00a0', '.', '!', '”', '"', '’', '-', '5', '𝐀', 'é', '\n'];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomText = () => Array.from({ length: 1 + random(12) }, () => ALPHABET[random(ALPHABET.length)]).join('');

  it('wordBefore: the determiner before a number', () => {
    const determiner = /(?:^|[^\p{L}])(?:the|these|those|both|all|their|its|our|his|her)\s+$/iu;
    const set = new Set(['the', 'these', 'those', 'both', 'all', 'their', 'its', 'our', 'his', 'her']);
    for (let n = 0; n < 20_000; n++) {
      const text = randomText();
      const at = random(text.length + 1);
      expect(set.has(wordBefore(text, at, 5)?.toLowerCase() ?? ''), JSON.stringify([text, at])).toBe(determiner.test(text.slice(0, at)));
    }
  });

  it('followsSentenceEnd: a capitalized word that merely opens a sentence', () => {
    const sentenceEnd = /[.!?]["”’]?\s+$/u;
    for (let n = 0; n < 20_000; n++) {
      const text = randomText();
      const at = random(text.length + 1);
      expect(followsSentenceEnd(text, at), JSON.stringify([text, at])).toBe(sentenceEnd.test(text.slice(0, at)));
    }
  });

  it('resolve: the same spans as the pairwise overlap check', () => {
    // The implementation before it read the text's characters (kept here as the reference).
    const isInside = (inner: Candidate, outer: Candidate) =>
      inner.start >= outer.start && inner.end <= outer.end && (inner.start !== outer.start || inner.end !== outer.end);
    const pairwise = (candidates: Candidate[]) => {
      const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
      const kept: Candidate[] = [];
      for (const c of sorted) {
        const overlapping = kept.filter((k) => c.start < k.end && k.start < c.end);
        const nestedPlace =
          overlapping.length > 0 &&
          c.entity.kind === 'PLACE' &&
          !c.entity.isNew &&
          overlapping.every((k) => k.entity.kind === 'ORGANIZATION' && isInside(c, k) && k.entity.key !== c.entity.key);
        if (overlapping.length === 0 || nestedPlace) kept.push(c);
      }
      return kept.sort((a, b) => a.start - b.start || a.end - b.end);
    };
    const kinds = ['PLACE', 'ORGANIZATION', 'PERSON'] as const;
    const entity = (): FoundEntity => {
      const kind = kinds[random(3)] ?? 'PLACE';
      return { key: `${kind}-${random(4)}`, kind, name: 'x', aliases: [], confirmed: true, isNew: random(4) === 0 };
    };
    for (let n = 0; n < 3000; n++) {
      const candidates = Array.from({ length: random(12) }, (): Candidate => {
        const start = random(40);
        return { start, end: start + 1 + random(12), entity: entity(), via: 'rule', priority: random(4) };
      });
      expect(resolve(candidates)).toEqual(pairwise(candidates));
    }
  });
});
