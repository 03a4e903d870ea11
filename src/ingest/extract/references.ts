// Short references: after a person is named in full, a later bare family or given name ("Kim",
// "Wang") refers to that person. When two people of the article share it ("Kim" after both "Kim
// Jong Un" and "Kim Yo Jong"), it refers to the one named in full most recently before it.
import { AFTER, BEFORE, escapeRegExp } from '../gazetteer.js';
import type { Candidate, Context, FoundEntity } from './candidates.js';
import { Coverage } from './spans.js';

/** Where a person was named in full: references to them come after it. */
interface FullName {
  paragraph: number;
  /** Where the full name ends. */
  offset: number;
  key: string;
}

/** The family and given names (3+ characters) of a person's name of two words or more ("Wang" of "Wang Yi"). */
export function nameTokens(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length < 2) return [];
  return [...new Set([words[0], words[words.length - 1]])].filter((t): t is string => t !== undefined && t.length >= 3);
}

/** Each first or last name token of the people found, with every place a person bearing it was named in full, in text order. */
function fullNamesByToken(found: Candidate[][]): Map<string, FullName[]> {
  const byToken = new Map<string, FullName[]>();
  found.forEach((candidates, p) => {
    for (const c of [...candidates].sort((a, b) => a.start - b.start)) {
      if (c.entity.kind !== 'PERSON' || c.via === 'reference') continue;
      for (const token of nameTokens(c.entity.name)) {
        const list = byToken.get(token);
        const entry = { paragraph: p, offset: c.end, key: c.entity.key };
        if (list) list.push(entry);
        else byToken.set(token, [entry]);
      }
    }
  });
  return byToken;
}

/** Adds to `found` a reference candidate for each later, unclaimed occurrence of the token, to the person last named in full before it. */
function addReferences(
  ctx: Context,
  paragraphs: string[],
  found: Candidate[][],
  coverage: (p: number) => Coverage,
  token: string,
  fullNames: FullName[],
): void {
  const re = new RegExp(`${BEFORE}${escapeRegExp(token)}${AFTER}`, 'gu');
  const first = fullNames[0];
  if (!first) return;
  let current = -1;
  paragraphs.forEach((text, p) => {
    if (p < first.paragraph) return;
    for (const m of text.matchAll(re)) {
      // Move to the last full name before this occurrence.
      while (current + 1 < fullNames.length) {
        const next = fullNames[current + 1];
        if (!next || next.paragraph > p || (next.paragraph === p && next.offset > m.index)) break;
        current++;
      }
      const person = fullNames[current];
      if (!person) continue;
      const entity: FoundEntity | undefined = ctx.entities.get(person.key);
      if (!entity) continue;
      const start = m.index;
      const end = start + token.length;
      const taken = coverage(p);
      if (taken.overlaps(start, end)) continue;
      found[p] ??= [];
      found[p].push({ start, end, entity, via: 'reference', priority: 1 });
      taken.add(start, end);
    }
  });
}

/** Adds the short references of each paragraph to its candidates (in place). */
export function referenceCandidates(ctx: Context, paragraphs: string[], found: Candidate[][]): void {
  // What each paragraph's candidates cover, made on first use and kept up to date as references are added.
  const coverages = new Map<number, Coverage>();
  const coverage = (p: number) => {
    let c = coverages.get(p);
    if (!c) {
      c = new Coverage(paragraphs[p]?.length ?? 0, found[p] ?? []);
      coverages.set(p, c);
    }
    return c;
  };
  for (const [token, fullNames] of fullNamesByToken(found)) addReferences(ctx, paragraphs, found, coverage, token, fullNames);
}
