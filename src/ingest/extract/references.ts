// Short references: after a person is named in full, a later bare family or given name ("Kim")
// refers to that person, unless two people of the article share it.
import { AFTER, BEFORE, escapeRegExp } from '../gazetteer.js';
import type { Candidate, Context, FoundEntity } from './candidates.js';
import { Coverage } from './spans.js';

interface FirstSeen {
  paragraph: number;
  /** Where the full name ends: references come after it. */
  offset: number;
  /** Every person the token could stand for. */
  keys: Set<string>;
}

/** Each first or last name token (3+ characters) of the people found, with where it was first seen. */
function nameTokens(found: Candidate[][]): Map<string, FirstSeen> {
  const firstSeen = new Map<string, FirstSeen>();
  found.forEach((candidates, p) => {
    for (const c of candidates) {
      if (c.entity.kind !== 'PERSON') continue;
      const tokens = c.entity.name.split(/\s+/).filter((t) => t.length >= 3);
      if (tokens.length < 2) continue;
      for (const token of [tokens[0], tokens[tokens.length - 1]]) {
        if (!token) continue;
        const seen = firstSeen.get(token);
        if (seen) seen.keys.add(c.entity.key);
        else firstSeen.set(token, { paragraph: p, offset: c.end, keys: new Set([c.entity.key]) });
      }
    }
  });
  return firstSeen;
}

/** Adds to `found` a reference candidate for each later, unclaimed occurrence of the token. */
function addReferences(
  paragraphs: string[],
  found: Candidate[][],
  coverage: (p: number) => Coverage,
  token: string,
  seen: FirstSeen,
  entity: FoundEntity,
): void {
  const re = new RegExp(`${BEFORE}${escapeRegExp(token)}${AFTER}`, 'gu');
  paragraphs.forEach((text, p) => {
    if (p < seen.paragraph) return;
    for (const m of text.matchAll(re)) {
      if (p === seen.paragraph && m.index < seen.offset) continue;
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
  for (const [token, seen] of nameTokens(found)) {
    if (seen.keys.size !== 1) continue;
    const [key] = [...seen.keys];
    const entity = key ? ctx.entities.get(key) : undefined;
    if (entity) addReferences(paragraphs, found, coverage, token, seen, entity);
  }
}
