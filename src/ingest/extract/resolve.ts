// Overlap resolution: of candidates that overlap, the longest span wins.
import type { Candidate } from './candidates.js';

function isInside(inner: Candidate, outer: Candidate) {
  return inner.start >= outer.start && inner.end <= outer.end && (inner.start !== outer.start || inner.end !== outer.end);
}

/**
 * Keeps the longest span where candidates overlap; a known place inside an organization's name
 * ("Sinuiju" in "Sinuiju customs office") is kept as a mention of its own.
 */
export function resolve(candidates: Candidate[]): Candidate[] {
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
}
