// Places by their administrative word: "Liaoning province", "Hamgyong Province", and lists such
// as "Sonchon, Yomju and Cholsan counties" (each listed name a county).
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, known, propose, ruleCandidate } from './candidates.js';
import { CAP_WORD, PLACE_SUFFIX, PLACE_SUFFIX_PLURAL, STOP_PROPER } from './words.js';

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
    if (!words.length) continue;
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

export function placeCandidates(ctx: Context, text: string): Candidate[] {
  return [...suffixedPlaces(ctx, text), ...listedPlaces(ctx, text)];
}
