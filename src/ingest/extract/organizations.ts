// Organizations by pattern: "Ministry of State Security", "U.N. Human Rights Council", "the
// provincial seafood management bureau", "North Korean Cabinet", and "<known place> customs office".
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import { CAP_WORD, DEMONYMS, ORG_HEADS } from './words.js';

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
  return out;
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
