// Places by their administrative word: "Liaoning province", "Hamgyong Province", and lists such
// as "Sonchon, Yomju and Cholsan counties" (each listed name a county); and capitalized names that
// end in a place's word ("Sino-Korean Friendship Bridge", "Military Demarcation Line", "Yalu River").
// A nationality before an administrative word is no place's name ("the Chinese city of Dandong").
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, known, propose, ruleCandidate } from './candidates.js';
import { CAP_WORD, DEMONYMS, PLACE_NAME_HEADS, PLACE_SUFFIX, PLACE_SUFFIX_PLURAL, STOP_PROPER } from './words.js';

const NAMED_PLACE_RE = new RegExp(`${BEFORE}((?:${CAP_WORD}\\s+){1,4})(?:${PLACE_NAME_HEADS})${AFTER}`, 'gu');

const SUFFIXED_RE = new RegExp(`${BEFORE}((?:${CAP_WORD}\\s){0,2}${CAP_WORD})\\s${PLACE_SUFFIX}${AFTER}`, 'gu');
const LIST_RE = new RegExp(`${BEFORE}((?:${CAP_WORD},\\s+)*${CAP_WORD},?\\s+and\\s+${CAP_WORD})\\s+${PLACE_SUFFIX_PLURAL}${AFTER}`, 'gu');
const CAP_WORD_RE = new RegExp(CAP_WORD, 'gu');

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
const singular = (w: string) => {
  const lower = w.toLowerCase();
  return titleCase(lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.replace(/s$/, ''));
};

/** "Liaoning province", "Hamgyong Province": a capitalized name followed by an administrative word. */
function suffixedPlaces(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(SUFFIXED_RE)) {
    // "China’s Liaoning province": the possessor is not part of the name.
    const words = (m[1] ?? '').split(/\s+/);
    const possessor = words.findLastIndex((w) => /(?:’s|'s)$/u.test(w));
    if (possessor >= 0) words.splice(0, possessor + 1);
    while (words.length && STOP_PROPER.has(words[0] ?? '')) words.shift();
    if (!words.length || words.join(' ') in DEMONYMS) continue;
    const name = `${words.join(' ')} ${titleCase(m[2] ?? '')}`;
    const start = m.index + m[0].indexOf(words.join(' '));
    const hit = ctx.gazetteer.lookup(`${words.join(' ')} ${m[2]}`) ?? ctx.gazetteer.lookup(name);
    const entity = hit ? known(ctx, hit) : propose(ctx, 'PLACE', name);
    if (entity) out.push(ruleCandidate(start, m.index + m[0].length, entity));
  }
  return out;
}

/** "Sonchon, Yomju and Cholsan counties": each listed name is a place of that kind. */
function listedPlaces(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(LIST_RE)) {
    const suffix = singular(m[2] ?? '');
    for (const item of (m[1] ?? '').matchAll(CAP_WORD_RE)) {
      const start = m.index + item.index;
      const name = item[0];
      const hit = ctx.gazetteer.lookup(`${name} ${suffix}`) ?? ctx.gazetteer.lookup(name);
      const entity = hit ? known(ctx, hit) : propose(ctx, 'PLACE', `${name} ${suffix}`, { aliases: [name] });
      if (entity) out.push(ruleCandidate(start, start + name.length, entity));
    }
  }
  return out;
}

/** "Sino-Korean Friendship Bridge", "Military Demarcation Line": capitalized words, then a place's word. */
function namedPlaces(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(NAMED_PLACE_RE)) {
    const words = m[0].split(/\s+/u);
    const possessor = words.findLastIndex((w) => /(?:’s|'s)$/u.test(w));
    if (possessor >= 0) words.splice(0, possessor + 1);
    while (words.length > 1 && STOP_PROPER.has(words[0] ?? '')) words.shift();
    // "the Chinese Sea"? No: a nationality and a place's word is a description.
    if (words.length < 2 || words.slice(0, -1).join(' ') in DEMONYMS) continue;
    // "Yellow Sea Fisheries Bureau": the name goes on, and is not a place's.
    const after = /^\s+(\p{Lu}[\p{L}'’-]*)/u.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (after && !STOP_PROPER.has(after[1] ?? '')) continue;
    const name = words.join(' ');
    const start = m.index + m[0].length - name.length;
    if (text.slice(start, m.index + m[0].length) !== name) continue;
    // A name the gazetteer knows is its match.
    if (ctx.gazetteer.lookup(name)) continue;
    const entity = propose(ctx, 'PLACE', name);
    if (entity) out.push(ruleCandidate(start, start + name.length, entity));
  }
  return out;
}

export function placeCandidates(ctx: Context, text: string): Candidate[] {
  return [...suffixedPlaces(ctx, text), ...listedPlaces(ctx, text), ...namedPlaces(ctx, text)];
}
