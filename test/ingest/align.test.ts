// Aligning old and new paragraphs on re-ingest (src/ingest/align.ts), without a database.
import { describe, expect, it } from 'vitest';
import { type Alignable, alignParagraphs, keptInOrder, paragraphKeyFor, similarity } from '../../src/ingest/align.js';
import { sha256 } from '../../src/ingest/text.js';

const paragraphs = (texts: string[]): Alignable[] => texts.map((text, position) => ({ position, text, textHash: sha256(text) }));
const align = (old: string[], next: string[]) => alignParagraphs(paragraphs(old), paragraphs(next));

describe('alignParagraphs', () => {
  it('pairs kept, inserted, removed, moved and edited paragraphs', () => {
    expect(align(['A a.', 'B b.', 'C c.'], ['A a.', 'X x.', 'B b.', 'C c.'])).toEqual([0, null, 1, 2]);
    expect(align(['A a.', 'X x.', 'B b.', 'C c.'], ['A a.', 'B b.', 'C c.'])).toEqual([0, 2, 3]);
    expect(align(['A a.', 'B b.', 'C c.'], ['B b.', 'C c.', 'A a.'])).toEqual([1, 2, 0]);
    expect(align(['The women received 60 days of training.', 'B b.'], ['The women received 90 days of training.', 'B b.'])).toEqual([0, 1]);
    expect(align(['Something else entirely here.'], ['A brand new paragraph.'])).toEqual([null]);
  });

  it('keeps identical paragraphs in their order', () => {
    expect(align(['S s.', 'S s.'], ['X x.', 'S s.', 'S s.'])).toEqual([null, 0, 1]);
    expect(align(['S s.', 'T t.', 'S s.'], ['S s.', 'S s.', 'T t.'])).toEqual([0, 2, 1]);
    expect(align(['S s.', 'S s.'], ['S s.', 'S s.', 'S s.'])).toEqual([0, 1, null]);
  });

  it('prefers the closest edit, and matches an old paragraph once', () => {
    const old = ['Trucks left Dandong on Monday morning.', 'Trucks left Dandong on Monday evening.'];
    expect(align(old, ['Trucks left Dandong on Monday evening!'])).toEqual([1]);
    expect(align(['Trucks left Dandong on Monday.'], ['Trucks left Dandong on Monday!', 'Trucks left Dandong on Tuesday!'])).toEqual([
      0,
      null,
    ]);
  });

  it('aligns thousands of paragraphs, every one edited, in linear time', () => {
    const old = Array.from({ length: 5000 }, (_, n) => `Paragraph ${n} says shipment ${n * 7} left port ${n % 13} early.`);
    const next = old.map((p) => p.replace('early', 'late'));
    const started = performance.now();
    const matched = align(old, next);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(matched).toEqual(old.map((_, n) => n));
  });

  it('measures shared words', () => {
    expect(similarity('a b c d', 'a b c e')).toBe(0.75);
    expect(similarity('', '')).toBe(1);
    expect(similarity('Dandong', 'Sinuiju')).toBe(0);
  });
});

describe('keptInOrder', () => {
  it('finds the paragraphs that kept their order; the rest moved', () => {
    expect([...keptInOrder([0, 1, 2])].sort()).toEqual([0, 1, 2]);
    expect([...keptInOrder([null, 0, 1, 2])].sort()).toEqual([1, 2, 3]);
    expect([...keptInOrder([1, 2, 3, 4, 0])].sort()).toEqual([0, 1, 2, 3]);
    expect([...keptInOrder([4, 0, 1, 2, 3])].sort()).toEqual([1, 2, 3, 4]);
    expect(keptInOrder([1, 0]).size).toBe(1);
    expect(keptInOrder([null, null]).size).toBe(0);
  });
});

describe('paragraphKeyFor', () => {
  it('gives "p-" and 8 hex digits, then -2, -3 for repeats', () => {
    const taken = new Set<string>();
    const hash = sha256('x');
    expect(paragraphKeyFor(hash, taken)).toBe(`p-${hash.slice(0, 8)}`);
    expect(paragraphKeyFor(hash, taken)).toBe(`p-${hash.slice(0, 8)}-2`);
    expect(paragraphKeyFor(hash, taken)).toBe(`p-${hash.slice(0, 8)}-3`);
  });
});
