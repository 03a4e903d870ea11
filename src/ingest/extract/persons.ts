// People typed by their context: a name after a title ("Foreign Minister Wang Yi", "spokesperson
// Guo Jiakun", "Col. Lee Sung-jun"), after "said" ("said Zhao Tong, a senior fellow"), or before an
// appositive that says what a person is ("Ahn Chan-il, a former soldier", "Liu Weidong, who runs").
// A name has two or three capitalized words; a single word after a title ("Minister Choe") is a
// short reference, found once the full name is (references.ts).
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import {
  NAME_BLOCKERS,
  NAME_BLOCKERS_ALT,
  ORG_NAME_HEADS,
  PERSON_ROLES,
  PERSON_TITLES,
  PLACE_NAME_HEADS,
  STOP_PROPER,
  TITLE_WORDS,
} from './words.js';

/** One word of a name: "Wang", "Jiakun", "Gyu-back", "O'Brien". */
const NAME_WORD = "\\p{Lu}\\p{Ll}+(?:[-'’]\\p{L}\\p{Ll}*)*";
const NAME = `(${NAME_WORD}(?:\\s+${NAME_WORD}){1,3})`;
const TITLED_RE = new RegExp(`${BEFORE}(?:${PERSON_TITLES})\\s+${NAME}${AFTER}`, 'gu');
const SAID_RE = new RegExp(`${BEFORE}(?:said|says|according\\s+to)\\s+${NAME}(?=\\s*,)`, 'gu');
const APPOSITIVE_RE = new RegExp(
  `${BEFORE}${NAME},\\s+(?:who\\s|(?:a|an|the)\\s+(?:[\\p{L}-]+\\s+){0,4}?(?:${PERSON_ROLES})${AFTER})`,
  'gu',
);
/** Words that end a place's or an organization's name, never a person's. */
const NOT_NAME_ENDS = new Set([
  ...NAME_BLOCKERS_ALT.split('|'),
  ...ORG_NAME_HEADS.split('|'),
  ...PLACE_NAME_HEADS.split('|'),
  'Province',
  'County',
]);
/** A blocking word right after the name: "Kim Il Sung Square". */
const BLOCKER_AFTER_RE = new RegExp(`^\\s+(?:${NAME_BLOCKERS_ALT}|${ORG_NAME_HEADS}|${PLACE_NAME_HEADS})${AFTER}`, 'u');

/**
 * The name's words after the last title or sentence word ("Cabinet Secretary Minoru Kihara" →
 * "Minoru Kihara"), up to a weekday or month ("Xi Jinping On Tuesday"); null when a word ends a
 * place's or an organization's name ("Kim Il Sung University") or fewer than two words are left.
 */
function nameWords(raw: string): string[] | null {
  let words = raw.split(/\s+/u);
  if (words.some((w) => NOT_NAME_ENDS.has(w) || NAME_BLOCKERS.has(w))) return null;
  while (words.length && STOP_PROPER.has(words[0] ?? '')) words.shift();
  words = words.slice(words.findLastIndex((w) => TITLE_WORDS.has(w)) + 1);
  const stop = words.findIndex((w) => STOP_PROPER.has(w));
  if (stop >= 0) words = words.slice(0, stop);
  return words.length >= 2 && words.length <= 3 ? words : null;
}

export function personCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of [TITLED_RE, SAID_RE, APPOSITIVE_RE]) {
    for (const m of text.matchAll(re)) {
      const raw = m[1] ?? '';
      const rawStart = m.index + m[0].indexOf(raw);
      if (BLOCKER_AFTER_RE.test(text.slice(rawStart + raw.length, rawStart + raw.length + 30))) continue;
      const words = nameWords(raw);
      if (!words) continue;
      const name = words.join(' ');
      const offset = raw.indexOf(name);
      if (offset < 0) continue;
      const start = rawStart + offset;
      // A name the gazetteer knows is its match (a person, or not one: "said South Korea, …").
      if (ctx.gazetteer.lookup(name)) continue;
      const entity = propose(ctx, 'PERSON', name);
      if (entity && entity.kind === 'PERSON') out.push(ruleCandidate(start, start + name.length, entity));
    }
  }
  return out;
}
