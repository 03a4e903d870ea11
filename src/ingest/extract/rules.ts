// The rule families in the order they have always run (the order decides which entity a clashing
// key goes to, and which of two equal spans is kept).
import type { Candidate, Context } from './candidates.js';
import { dateCandidates } from './dates.js';
import { koreanNameCandidates } from './korean-names.js';
import { organizationCandidates } from './organizations.js';
import { personCandidates } from './persons.js';
import { placeCandidates } from './places.js';
import { quantityCandidates } from './quantities.js';

const FAMILIES = [dateCandidates, quantityCandidates, placeCandidates, koreanNameCandidates, organizationCandidates, personCandidates];

/** Rules for dates, quantities, places by pattern, Korean names, organization patterns, and people by their titles and appositives. */
export function ruleCandidates(ctx: Context, text: string): Candidate[] {
  return FAMILIES.flatMap((family) => family(ctx, text));
}
