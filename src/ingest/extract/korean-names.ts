// Korean names written in the Latin alphabet: a common family name, then a hyphenated given name
// ("Park Jin-woo") or two capitalized syllables ("Kim Yo Jong"), unless the last word heads a place
// or an organization ("Kim Il Sung Square"). A family name that is also an English word ("An",
// "Oh", "Son") opening a sentence is that word ("An Air China spokesperson said") unless the given
// name is hyphenated.
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import { followsSentenceEnd } from './spans.js';
import { KOREAN_SURNAMES, NAME_BLOCKERS, NAME_BLOCKERS_ALT, ORG_NAME_HEADS } from './words.js';

/** Family names that are also English words, which a sentence may open with. */
const ENGLISH_WORD_SURNAMES = new Set(['An', 'Oh', 'Son', 'Do', 'No', 'So', 'Ha', 'Ma']);
/** A word of the given name that heads an organization ("An Air China"). */
const ORG_WORDS = new Set(['Air', ...ORG_NAME_HEADS.split('|')]);

const KOREAN_NAME_RE = new RegExp(
  `${BEFORE}(?:${KOREAN_SURNAMES})\\s+(?:\\p{Lu}\\p{Ll}+-\\p{Ll}+|\\p{Lu}\\p{Ll}+\\s\\p{Lu}\\p{Ll}+)${AFTER}`,
  'gu',
);
/** A blocking word right after the name: "Kim Il Sung Square". */
const BLOCKER_AFTER_RE = new RegExp(`^${AFTER}\\s+(?:${NAME_BLOCKERS_ALT})${AFTER}`, 'u');

export function koreanNameCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(KOREAN_NAME_RE)) {
    const words = m[0].split(/\s+/);
    const last = words.at(-1) ?? '';
    if (NAME_BLOCKERS.has(last) || BLOCKER_AFTER_RE.test(text.slice(m.index + m[0].length))) continue;
    if (words.slice(1).some((w) => ORG_WORDS.has(w))) continue;
    const opensSentence = m.index === 0 || followsSentenceEnd(text, m.index);
    if (opensSentence && ENGLISH_WORD_SURNAMES.has(words[0] ?? '') && !m[0].includes('-') && !ctx.gazetteer.lookup(m[0])) continue;
    const entity = propose(ctx, 'PERSON', m[0]);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity));
  }
  return out;
}
