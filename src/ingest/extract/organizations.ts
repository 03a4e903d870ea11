// Organizations by pattern: "Ministry of State Security", "U.N. Human Rights Council", "the
// provincial seafood management bureau", "North Korean Cabinet", capitalized names that end in an
// organization's word ("Koryo Tours", "Transitional Justice Working Group", "Carnegie Endowment for
// International Peace"), airlines ("Air Koryo", "X Airlines"), and "<known place> customs office".
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, propose, ruleCandidate } from './candidates.js';
import {
  ARMED_SERVICE_HEADS,
  CAP_WORD,
  DEMONYMS,
  isGenericBody,
  KOREAN_SURNAMES,
  ORG_HEADS,
  ORG_LEAD_HEADS,
  ORG_NAME_HEADS,
  STOP_PROPER,
} from './words.js';

/** A capitalized word of a name, with the periods of "U.N.", "U.S." and "St." (and no other: a period can end a sentence). */
const NAME_WORD = "(?:St\\.|\\p{Lu}\\.(?:\\p{Lu}\\.)+|\\p{Lu}[\\p{L}'’-]*)";
/** "… for International Peace", "… of Humanitarian Affairs": what may follow an organization's word. */
const NAME_TAIL = `(?:\\s+(?:for|of|on)\\s+(?:the\\s+)?${NAME_WORD}(?:\\s+(?:and\\s+|&\\s+)?${NAME_WORD}){0,4}){0,2}`;
// "Koryo Tours", "Stimson Center", "World Institute for North Korea Studies", "Far East and Arctic
// Development Corporation", "Republic of Korea Air Force Academy"
const NAMED_ORG_RE = new RegExp(
  `${BEFORE}((?:${NAME_WORD}\\s+(?:(?:and|&|(?<=Republic\\s+)of)\\s+(?=\\p{Lu}))?){1,5})(?:${ORG_NAME_HEADS})${AFTER}${NAME_TAIL}`,
  'gu',
);
/** A word of a company's name: capitalized, without the period that "Co." has. */
const COMPANY_WORD = "\\p{Lu}[\\p{L}'’&-]*";
// "Dandong Haixin Trading Co.", "Sea Star Maritime Co. Ltd.", "Chosun Expo Corp."
const COMPANY_RE = new RegExp(
  `${BEFORE}((?:${COMPANY_WORD}\\s+){1,5})(?:Co|Corp|Ltd|Inc|LLC|Plc|PLC)(?:\\.|${AFTER})(?:,?\\s+(?:Ltd|Inc|LLC)(?:\\.|${AFTER}))?`,
  'gu',
);
// "Air Koryo", "Air China"; not "Air Force" or "Air Defense"
const AIRLINE_RE = new RegExp(
  `${BEFORE}Air\\s+(?!(?:Force|Forces|Defense|Defence|Base|Bases|Command|Quality|Pollution|Traffic|Raid|Raids|Strike|Strikes)${AFTER})\\p{Lu}\\p{Ll}+${AFTER}`,
  'gu',
);
/** An ordinal, as a word or in figures: "2nd", "Seventh". */
const ORDINAL = '(?:\\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)';
// "2nd Infantry Division", "Eighth Army", "Seventh Fleet", "6th Marine Regiment"
const MILITARY_UNIT_RE = new RegExp(
  `${BEFORE}(?:(?:U\\.S\\.|US)\\s+)?${ORDINAL}\\s+(?:${CAP_WORD}\\s+){0,2}(?:Army|Fleet|Division|Brigade|Corps|Regiment|Battalion|Squadron|Wing|Air Force)${AFTER}`,
  'gu',
);
const NAMED_PATTERNS = [NAMED_ORG_RE, AIRLINE_RE, COMPANY_RE];

// "Ministry of Light Industry", "Board of Audit and Inspection", "Institute for Peace and Unification Studies"
/** A capitalized word after "Ministry of": no owner's name ("China's"), though "People's" may be one. */
const LEAD_WORD = "(?:(?:People|Children|Women|Men)['’]s|\\p{Lu}[\\p{L}-]*)(?![\\p{L}'’])";
const LEAD_ORG_RE = new RegExp(
  `${BEFORE}(?:${ORG_LEAD_HEADS})\\s+(?:of|for)\\s+(?:the\\s+)?${LEAD_WORD}(?:\\s+(?:and\\s+)?${LEAD_WORD}){0,4}`,
  'gu',
);
const ORG_PATTERNS: RegExp[] = [
  LEAD_ORG_RE,
  new RegExp(`${BEFORE}(?:U\\.N\\.|UN)\\s+${CAP_WORD}(?:\\s+${CAP_WORD}){0,3}`, 'gu'),
  MILITARY_UNIT_RE,
  new RegExp(
    `${BEFORE}(?:provincial|municipal|city|county|state|central|national|local|regional|presidential)(?:\\s+[a-z]+){0,3}\\s+(?:${ORG_HEADS})${AFTER}`,
    'gu',
  ),
  new RegExp(
    `${BEFORE}(?:${Object.keys(DEMONYMS).join('|')})\\s+(?:Cabinet|Army|Navy|Air Force|Embassy|embassy|Consulate|consulate|${CAP_WORD}\\s+(?:Ministry|Agency|Bureau|Committee|Commission))${AFTER}`,
    'gu',
  ),
];
/** The words after a place that make it an office: " customs office". */
const PLACE_ORG_TAIL = new RegExp(`^((?:\\s\\p{L}+){0,2}\\s(?:${ORG_HEADS}))${AFTER}`, 'iu');
/** The words after a country that make it one of its armed services: " Coast Guard", " Maritime Self-Defense Force". */
const PLACE_SERVICE_TAIL = new RegExp(`^((?:\\s\\p{Lu}[\\p{L}-]*)?\\s(?:${ARMED_SERVICE_HEADS}))${AFTER}`, 'u');

export function organizationCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const re of ORG_PATTERNS) {
    for (const m of text.matchAll(re)) {
      // "Board of Samsung Electronics Co.": the organization is what follows "of", not its board.
      if (PART_OF_ORG_RE.test(m[0])) continue;
      // "… Defense and China's Ministry of Commerce": a possessive starts another name.
      const own = beforeOwner(m[0]).replace(/\s+(?:and|of|the)$/u, '');
      const name = withCountryTail(ctx, text, m.index, own);
      // "China's Ministry of Commerce": that country's ("Chinese Ministry of Commerce"), not any country's.
      const country = re === LEAD_ORG_RE ? countryBefore(ctx, text, m.index) : null;
      if (country) {
        const surface = text.slice(country.start, m.index + name.length);
        const entity = propose(ctx, 'ORGANIZATION', `${country.nationality} ${name}`, { aliases: [surface, name] });
        if (entity?.kind === 'ORGANIZATION') out.push(ruleCandidate(country.start, m.index + name.length, entity));
        continue;
      }
      const entity = propose(ctx, 'ORGANIZATION', name);
      if (entity) out.push(ruleCandidate(m.index, m.index + name.length, entity));
    }
  }
  for (const re of NAMED_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const found = namedOrganization(ctx, m[0]);
      if (!found) continue;
      const start = m.index + found.offset;
      if (found.length !== undefined) {
        // "Japan's Foreign Ministry": the country's ministry, by its nationality ("Japanese Foreign Ministry").
        const entity = propose(ctx, 'ORGANIZATION', found.name, { aliases: [m[0].slice(found.offset, found.offset + found.length)] });
        if (entity?.kind === 'ORGANIZATION') out.push(ruleCandidate(start, start + found.length, entity));
        continue;
      }
      const name = withCountryTail(ctx, text, start, found.name);
      // A name the gazetteer knows is its match (as an organization, or not one at all).
      if (ctx.gazetteer.lookup(name)) continue;
      const entity = propose(ctx, 'ORGANIZATION', name);
      if (entity) out.push(ruleCandidate(start, start + name.length, entity));
    }
  }
  return out;
}

/** A body "of" an organization ("Board of Samsung Electronics Co", "Department of X University"): part of that one. */
const PART_OF_ORG_RE = new RegExp(`\\s(?:of|for)\\s.*\\s(?:${ORG_NAME_HEADS}|Co|Corp|Ltd|Inc)$`, 'u');
/** Organizations' words that a nationality before them does not make a name ("North Korean Team", "Chinese Board"). */
const GENERIC_HEADS = new Set([
  'Team',
  'Board',
  'Group',
  'Office',
  'Department',
  'Bureau',
  'Committee',
  'Commission',
  'Agency',
  'Court',
  'Treasury',
  'Authority',
  'Administration',
  'Command',
  'Service',
  'Network',
  'Union',
  'Alliance',
  'Forum',
  'Movement',
  'Bank',
  'Company',
  'Corporation',
  'Fund',
  'Council',
  'Ministry',
]);

const SURNAMES = new Set(KOREAN_SURNAMES.split('|'));
/** Words before "and" that may be a person's name: more than two words, a hyphenated given name, or a Korean family name first. */
const looksLikePerson = (words: string[]) => words.length > 2 || words.some((w) => /-/u.test(w)) || SURNAMES.has(words[0] ?? '');

/** A name up to the next owner's name ("Ministry of National Defense and China's" → "Ministry of National Defense"). */
function beforeOwner(matched: string): string {
  const words = matched.split(/\s+/u);
  const owner = words.findIndex((w, i) => i > 0 && /(?:’s|'s)$/u.test(w) && !NAME_POSSESSIVES.test(w));
  return owner < 0 ? matched : words.slice(0, words[owner - 1] === 'and' ? owner - 1 : owner).join(' ');
}

/** The countries of the gazetteer (the places its capitals are capitals of), per gazetteer. */
const countriesOf = new WeakMap<Context['gazetteer'], Set<string>>();
function countries(ctx: Context): Set<string> {
  let set = countriesOf.get(ctx.gazetteer);
  if (!set) {
    set = new Set([...ctx.gazetteer.byKey.values()].flatMap((e) => (e.capitalOf ? [e.capitalOf] : [])));
    countriesOf.set(ctx.gazetteer, set);
  }
  return set;
}

/** "in <country>" after a name's "for …" part is the name's ("Committee for Human Rights in North Korea"); "in <city>" is where it is. */
const COUNTRY_TAIL = /^\s+in\s+((?:\p{Lu}[\p{L}'’.-]*)(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})/u;
function withCountryTail(ctx: Context, text: string, start: number, name: string): string {
  if (!/\sfor\s/u.test(name)) return name;
  const m = COUNTRY_TAIL.exec(text.slice(start + name.length, start + name.length + 50));
  if (!m) return name;
  const words = (m[1] ?? '').replace(/[.,]$/u, '').split(/\s+/u);
  for (let n = words.length; n > 0; n--) {
    const place = ctx.gazetteer.lookup(words.slice(0, n).join(' '));
    if (place?.kind === 'PLACE' && countries(ctx).has(place.key))
      return `${name}${m[0].slice(0, m[0].indexOf(words[0] ?? ''))}${words.slice(0, n).join(' ')}`;
  }
  return name;
}

/** Possessives that are part of a name, not its owner ("Dandong Intermediate People's Court"). */
const NAME_POSSESSIVES = /^(?:People|Children|Women|Men)(?:’s|'s)$/u;

/** Words that end with a period and still go on a name: initials ("U.N.") and abbreviations ("Co."). */
const ABBREVIATION = /^(?:(?:\p{Lu}\.)+|Co\.|Corp\.|Ltd\.|Inc\.|St\.|Mt\.|Jr\.|Sr\.|No\.)$/u;

/**
 * A named organization less what precedes its name: sentence words ("The", "In"), a possessor
 * ("China's General Administration of Customs"), the end of an earlier sentence ("Beijing. The
 * Liaoning Provincial Department of Commerce") and a known name joined by "and" ("Russia and …");
 * null when no more than the organization's word is left ("The Ministry") or it could be any
 * country's ("Foreign Ministry").
 */
function namedOrganization(ctx: Context, matched: string): { name: string; offset: number; length?: number } | null {
  const words = matched.replace(/\s+(?:and|of|the|for|on)$/u, '').split(/\s+/u);
  let first = 0;
  const possessor = words.findLastIndex((w) => /(?:’s|'s)$/u.test(w) && !NAME_POSSESSIVES.test(w));
  if (possessor >= 0) first = possessor + 1;
  const sentenceEnd = words.findLastIndex((w, i) => i < words.length - 1 && /\.$/u.test(w) && !ABBREVIATION.test(w));
  if (sentenceEnd >= first) first = sentenceEnd + 1;
  const joined = words.findLastIndex(
    (w, i) => (w === 'and' || w === '&') && i > first && ctx.gazetteer.lookup(words.slice(first, i).join(' ')),
  );
  if (joined >= 0) first = joined + 1;
  // "Haixin Trading Co. and Liaoning Jinhe Group": a company's "Co." ends the name before.
  const companyEnd = words.findLastIndex((w, i) => /^(?:and|&)$/u.test(words[i + 1] ?? '') && /^(?:Co|Corp|Ltd|Inc|LLC)\.?,?$/u.test(w));
  if (companyEnd >= first) first = companyEnd + 1;
  while (first < words.length - 1 && (words[first] === 'and' || words[first] === '&')) first++;
  while (first < words.length - 1 && STOP_PROPER.has(words[first] ?? '')) first++;
  const kept = words.slice(first);
  // "Peace." at the end of a sentence: the period is not the name's (as it is in "U.N.").
  const last = kept.at(-1) ?? '';
  if (/\.$/u.test(last) && !/^(?:\p{Lu}\.)+$/u.test(last)) kept[kept.length - 1] = last.slice(0, -1);
  // "Harvard and Yale University": one word after "and" is another name's, not this one's; so is
  // what looks like a person's name before it ("Kim Sang-ki and …").
  const and = kept.findIndex((w) => w === 'and' || w === '&');
  if (and >= 0 && (and === kept.length - 3 || looksLikePerson(kept.slice(0, and)))) kept.splice(0, and + 1);
  if (isGenericBody(kept) && possessor >= 0 && first === possessor + 1) return countrysBody(ctx, matched, words, possessor, kept);
  if (kept.length < 2 || isGenericBody(kept)) return null;
  if (GENERIC_HEADS.has(kept.at(-1) ?? '') && kept.slice(0, -1).join(' ') in DEMONYMS) return null;
  const name = kept.join(' ');
  const offset = matched.indexOf(kept[0] ?? '', words.slice(0, first).join(' ').length);
  if (offset < 0 || matched.slice(offset, offset + name.length) !== name) return null;
  return { name, offset };
}

/** The nationality of each country that has one ("japan" → "Japanese"). */
const NATIONALITY = new Map(Object.entries(DEMONYMS).map(([demonym, key]) => [key, demonym]));

/** A country's nationality, or its capital's country's ("Seoul's" → "South Korean"). */
function nationalityOf(place: { kind: string; key: string; capitalOf?: string | null } | undefined): string | undefined {
  if (place?.kind !== 'PLACE') return undefined;
  return NATIONALITY.get(place.key) ?? (place.capitalOf ? NATIONALITY.get(place.capitalOf) : undefined);
}

/** "China's " or "North Korea's " right before `index`: where the country's name starts, and its nationality. */
const POSSESSOR_BEFORE = /((?:\p{Lu}[\p{L}.-]*\s+){0,3}\p{Lu}[\p{L}.-]*)(?:’s|'s)\s+$/u;
function countryBefore(ctx: Context, text: string, index: number): { start: number; nationality: string } | null {
  const before = text.slice(Math.max(0, index - 50), index);
  const m = POSSESSOR_BEFORE.exec(before);
  if (!m) return null;
  const words = (m[1] ?? '').split(/\s+/u);
  for (let from = 0; from < words.length; from++) {
    const owner = words.slice(from).join(' ');
    const nationality = nationalityOf(ctx.gazetteer.lookup(owner));
    if (nationality) return { start: index - before.length + before.lastIndexOf(owner, m.index + (m[1] ?? '').length), nationality };
  }
  return null;
}

/**
 * "Japan's Foreign Ministry", "South Korea's Defense Ministry": a portfolio's body of the country
 * before it, named by its nationality ("Japanese Foreign Ministry", known or proposed), its span
 * from the country's name on; null when the possessor is no known country.
 */
function countrysBody(
  ctx: Context,
  matched: string,
  words: string[],
  possessor: number,
  kept: string[],
): { name: string; offset: number; length: number } | null {
  for (let from = Math.max(0, possessor - 3); from <= possessor; from++) {
    const owner = [...words.slice(from, possessor), (words[possessor] ?? '').replace(/(?:’s|'s)$/u, '')].join(' ');
    const place = ctx.gazetteer.lookup(owner);
    const nationality = nationalityOf(place);
    if (!nationality) continue;
    const offset = matched.indexOf(words.slice(from, possessor + 1).join(' '));
    const end = matched.indexOf(kept.join(' '), offset);
    if (offset < 0 || end < 0) return null;
    return { name: `${nationality} ${kept.join(' ')}`, offset, length: end + kept.join(' ').length - offset };
  }
  return null;
}

/** "<known place> customs office": found after gazetteer matches, since it builds on them. */
export function placeOrgCandidates(ctx: Context, text: string, places: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const place of places) {
    if (place.entity.kind !== 'PLACE') continue;
    const rest = text.slice(place.end, place.end + 60);
    const m = PLACE_ORG_TAIL.exec(rest) ?? PLACE_SERVICE_TAIL.exec(rest);
    if (!m) continue;
    const name = `${text.slice(place.start, place.end)}${m[1]}`;
    const entity = propose(ctx, 'ORGANIZATION', name);
    if (entity) out.push(ruleCandidate(place.start, place.end + (m[1]?.length ?? 0), entity));
  }
  return out;
}
