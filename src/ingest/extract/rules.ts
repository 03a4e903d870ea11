// The rule families in the order they have always run (the order decides which entity a clashing
// key goes to, and which of two equal spans is kept).
import type { Candidate, Context } from './candidates.js';
import { dateCandidates } from './dates.js';
import { koreanNameCandidates } from './korean-names.js';
import { organizationCandidates } from './organizations.js';
import { placeCandidates } from './places.js';
import { quantityCandidates } from './quantities.js';

const FAMILIES = [dateCandidates, quantityCandidates, placeCandidates, koreanNameCandidates, organizationCandidates];

/** Rules for dates, quantities, "X Province", "A, B and C counties", Korean names and organization patterns. */
export function ruleCandidates(ctx: Context, text: string): Candidate[] {
  return FAMILIES.flatMap((family) => family(ctx, text));
}
