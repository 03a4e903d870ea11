// Organizations by pattern: "Ministry of State Security", "U.N. Human Rights Council", "the
// provincial seafood management bureau", "North Korean Cabinet", capitalized names that end in an
// organization's word ("Koryo Tours", "Transitional Justice Working Group", "Carnegie Endowment for
// International Peace"), airlines ("Air Koryo", "X Airlines"), and "<known place> customs office".
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import { CAP_WORD, DEMONYMS, isGenericBody, ORG_HEADS, ORG_NAME_HEADS, STOP_PROPER } from './words.js';

/** A capitalized word of a name, with the periods of "U.N." and "U.S.". */
const NAME_WORD = "\\p{Lu}[\\p{L}'’.-]*";
/** "… for International Peace", "… of Humanitarian Affairs": what may follow an organization's word. */
const NAME_TAIL = `(?:\\s+(?:for|of|on)\\s+(?:the\\s+)?${NAME_WORD}(?:\\s+(?:and\\s+|&\\s+)?${NAME_WORD}){0,4}){0,2}`;
// "Koryo Tours", "Stimson Center", "World Institute for North Korea Studies"
const NAMED_ORG_RE = new RegExp(`${BEFORE}((?:${NAME_WORD}\\s+){1,5})(?:${ORG_NAME_HEADS})${AFTER}${NAME_TAIL}`, 'gu');
// "Air Koryo", "Air China"; not "Air Force" or "Air Defense"
const AIRLINE_RE = new RegExp(
  `${BEFORE}Air\\s+(?!(?:Force|Forces|Defense|Defence|Base|Bases|Command|Quality|Pollution|Traffic|Raid|Raids|Strike|Strikes)${AFTER})\\p{Lu}\\p{Ll}+${AFTER}`,
  'gu',
);
const NAMED_PATTERNS = [NAMED_ORG_RE, AIRLINE_RE];

const ORG_PATTERNS: RegExp[] = [
  new RegExp(
    `${BEFORE}(?:Ministry|Department|Bureau|Office|Committee|Commission)\\s+of\\s+(?:the\\s+)?${CAP_WORD}(?:\\s+(?:and\\s+)?${CAP_WORD}){0,4}`,
    'gu',
  ),
  new RegExp(`${BEFORE}(?:U\\.N\\.|UN)\\s+${CAP_WORD}(?:\\s+${CAP_WORD}){0,3}`, 'gu'),
  new RegExp(
    `${BEFORE}(?:provincial|municipal|city|county|state|central|national|local|regional)(?:\\s+[a-z]+){0,3}\\s+(?:${ORG_HEADS})${AFTER}`,
    'gu',
  ),
  new RegExp(
    `${BEFORE}(?:${Object.keys(DEMONYMS).join('|')})\\s+(?:Cabinet|Army|Navy|Air Force|Embassy|embassy|Consulate|consulate|${CAP_WORD}\\s+(?:Ministry|Agency|Bureau|Committee|Commission))${AFTER}`,
    'gu',
  ),
];
/** The words after a place that make it an office: " customs office". */
const PLACE_ORG_TAIL = new RegExp(`^((?:\\s\\p{L}+){0,2}\\s(?:${ORG_HEADS}))${AFTER}`, 'iu');

export function organizationCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of ORG_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const name = m[0].replace(/\s+(?:and|of|the)$/u, '');
      const entity = propose(ctx, 'ORGANIZATION', name);
      if (entity) out.push(ruleCandidate(m.index, m.index + name.length, entity));
    }
  }
  for (const re of NAMED_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const found = namedOrganization(m[0]);
      if (!found) continue;
      // A name the gazetteer knows is its match (as an organization, or not one at all).
      if (ctx.gazetteer.lookup(found.name)) continue;
      const entity = propose(ctx, 'ORGANIZATION', found.name);
      if (entity) out.push(ruleCandidate(m.index + found.offset, m.index + found.offset + found.name.length, entity));
    }
  }
  return out;
}

/**
 * A named organization less what precedes its name: sentence words ("The", "In") and a possessor
 * ("China's General Administration of Customs"); null when no more than the organization's word is
 * left ("The Ministry") or it could be any country's ("Foreign Ministry").
 */
function namedOrganization(matched: string): { name: string; offset: number } | null {
  const words = matched.replace(/\s+(?:and|of|the|for|on)$/u, '').split(/\s+/u);
  let first = 0;
  const possessor = words.findLastIndex((w) => /(?:’s|'s)$/u.test(w));
  if (possessor >= 0) first = possessor + 1;
  while (first < words.length - 1 && STOP_PROPER.has(words[first] ?? '')) first++;
  const kept = words.slice(first);
  // "Peace." at the end of a sentence: the period is not the name's (as it is in "U.N.").
  const last = kept.at(-1) ?? '';
  if (/\.$/u.test(last) && !/^(?:\p{Lu}\.)+$/u.test(last)) kept[kept.length - 1] = last.slice(0, -1);
  if (kept.length < 2 || isGenericBody(kept)) return null;
  const name = kept.join(' ');
  const offset = matched.indexOf(kept[0] ?? '', words.slice(0, first).join(' ').length);
  if (offset < 0 || matched.slice(offset, offset + name.length) !== name) return null;
  return { name, offset };
}

/** "<known place> customs office": found after gazetteer matches, since it builds on them. */
export function placeOrgCandidates(ctx: Context, text: string, places: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const place of places) {
    if (place.entity.kind !== 'PLACE') continue;
    const m = PLACE_ORG_TAIL.exec(text.slice(place.end));
    if (!m) continue;
    const name = `${text.slice(place.start, place.end)}${m[1]}`;
    const entity = propose(ctx, 'ORGANIZATION', name);
    if (entity) out.push(ruleCandidate(place.start, place.end + (m[1]?.length ?? 0), entity));
  }
  return out;
}
