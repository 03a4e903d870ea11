// Overlap resolution: of candidates that overlap, the longest span wins.
import type { Candidate } from './candidates.js';

function isInside(inner: Candidate, outer: Candidate) {
  return inner.start >= outer.start && inner.end <= outer.end && (inner.start !== outer.start || inner.end !== outer.end);
}

/**
 * Keeps the longest span where candidates overlap; a known place inside an organization's name
 * ("Sinuiju" in "Sinuiju customs office") is kept as a mention of its own.
 *
 * Which kept spans a candidate overlaps is read from two maps of the text's characters (the kept
 * spans, which never overlap one another, and the places kept inside them), so that a paragraph
 * of n candidates costs the length of their spans rather than n².
 */
export function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const length = candidates.reduce((max, c) => Math.max(max, c.end), 0);
  // 1 + the index in `kept` of the span covering each character (0: none).
  const outer = new Int32Array(length);
  const inner = new Int32Array(length);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const overlapping = new Set<number>();
    for (let i = Math.max(0, c.start); i < c.end; i++) {
      if (outer[i]) overlapping.add((outer[i] ?? 0) - 1);
      if (inner[i]) overlapping.add((inner[i] ?? 0) - 1);
    }
    const nestedPlace =
      overlapping.size > 0 &&
      c.entity.kind === 'PLACE' &&
      !c.entity.isNew &&
      [...overlapping].every((n) => {
        const k = kept[n];
        return k !== undefined && k.entity.kind === 'ORGANIZATION' && isInside(c, k) && k.entity.key !== c.entity.key;
      });
    if (overlapping.size > 0 && !nestedPlace) continue;
    kept.push(c);
    (nestedPlace ? inner : outer).fill(kept.length, Math.max(0, c.start), c.end);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
