// Korean names written in the Latin alphabet: a common family name, then a hyphenated given name
// ("Park Jin-woo") or two capitalized syllables ("Kim Yo Jong"), unless the last word heads a place
// or an organization ("Kim Il Sung Square").
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import { KOREAN_SURNAMES, NAME_BLOCKERS, NAME_BLOCKERS_ALT } from './words.js';

const KOREAN_NAME_RE = new RegExp(
  `${BEFORE}(?:${KOREAN_SURNAMES})\\s+(?:\\p{Lu}\\p{Ll}+-\\p{Ll}+|\\p{Lu}\\p{Ll}+\\s\\p{Lu}\\p{Ll}+)${AFTER}`,
  'gu',
);
/** A blocking word right after the name: "Kim Il Sung Square". */
const BLOCKER_AFTER_RE = new RegExp(`^${AFTER}\\s+(?:${NAME_BLOCKERS_ALT})${AFTER}`, 'u');

export function koreanNameCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(KOREAN_NAME_RE)) {
    const last = m[0].split(/\s+/).at(-1) ?? '';
    if (NAME_BLOCKERS.has(last) || BLOCKER_AFTER_RE.test(text.slice(m.index + m[0].length))) continue;
    const entity = propose(ctx, 'PERSON', m[0]);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity));
  }
  return out;
}
