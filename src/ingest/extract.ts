import nlp from 'compromise';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemToken } from 'wink-nlp';
import { AFTER, BEFORE, type EntityKind, escapeRegExp, type Gazetteer, type KnownEntity } from './gazetteer.js';
import { slugify } from './text.js';

/** An entity found in an article: either known already, or new (proposed by a rule or the NLP library). */
export interface FoundEntity extends KnownEntity {
  dateValue?: string;
  amount?: number;
  unit?: string;
  /** Known entities and value-normalized dates and quantities are confirmed; new names are proposals. */
  confirmed: boolean;
  isNew: boolean;
}

export interface FoundMention {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  entityKey: string;
  /** For a capital standing for its government: the country's key. */
  referentKey?: string;
  /** Which part of the extractor found it, for review and measurement. */
  via: 'gazetteer' | 'rule' | 'reference' | 'nlp';
}

export interface Extraction {
  entities: Map<string, FoundEntity>;
  mentions: FoundMention[];
}

interface Candidate {
  start: number;
  end: number;
  entity: FoundEntity;
  via: FoundMention['via'];
  /** Higher wins a tie between overlapping spans of equal length. */
  priority: number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH =
  '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// "Sept. 10", "September 10, 2025", "Sept. 10 and 12", "Sept. 10-12"
const DATE_RE = new RegExp(
  `${BEFORE}${MONTH}\\s+${DAY}(?:,?\\s+(\\d{4}))?(?:\\s*(?:and|to|through|-|–)\\s*(\\d{1,2})(?![\\p{L}\\p{N}]|\\s+[a-z]+s${AFTER}|\\s*%))?${AFTER}`,
  'gu',
);
const ISO_DATE_RE = new RegExp(`${BEFORE}(\\d{4})-(\\d{2})-(\\d{2})${AFTER}`, 'gu');

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  dozens: 24,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const NUM = `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|(?:${Object.keys(NUMBER_WORDS).join('|')})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)`;
const SCALE = `(?:\\s+(${Object.keys(SCALES).join('|')}))?`;
/** Plural nouns that follow a number but measure nothing. */
const NOT_UNITS = new Set([
  'others',
  'ones',
  'times',
  'sides',
  'parts',
  'ways',
  'things',
  'reasons',
  'aspects',
  'terms',
  'cases',
  'is',
  'was',
  'has',
  'this',
  'its',
  'his',
  'as',
  'us',
]);
const UNIT = '(?:\\s*(%)|\\s+(percent|per\\s+cent|[a-z]{2,}s))';
const QUANTITY_RE = new RegExp(`${BEFORE}${NUM}${SCALE}${UNIT}${AFTER}`, 'giu');
const GROUPS_RE = new RegExp(
  `${BEFORE}${NUM}\\s+(?:groups|batches|teams|units|rounds)\\s+of\\s+${NUM}\\s+([a-z]{2,}s)${AFTER}(?:\\s+each${AFTER})?`,
  'giu',
);
/** Words before a number that make it a reference, not a measurement ("the two countries"). */
const DETERMINER_BEFORE = /(?:^|[^\p{L}])(?:the|these|those|both|all|their|its|our|his|her)\s+$/iu;

const DEMONYMS: Record<string, string> = {
  'North Korean': 'north-korea',
  'South Korean': 'south-korea',
  Korean: 'korea',
  Chinese: 'china',
  Russian: 'russia',
  Japanese: 'japan',
  American: 'united-states',
  Ukrainian: 'ukraine',
  British: 'united-kingdom',
  Mongolian: 'mongolia',
  Vietnamese: 'vietnam',
  Taiwanese: 'taiwan',
  Iranian: 'iran',
  Syrian: 'syria',
  Cuban: 'cuba',
  Indian: 'india',
};
const DEMONYM_PLURALS = ['North Koreans', 'South Koreans', 'Koreans', 'Russians', 'Americans', 'Ukrainians', 'Japanese', 'Chinese'];
const ORG_HEADS =
  'bureau|office|committee|department|agency|administration|commission|council|authority|ministry|directorate|police|court|bank|company|corporation|association|union|federation|institute|party';
const ORG_HEAD_RE = new RegExp(`(?:${ORG_HEADS})$`, 'i');
const PLACE_SUFFIX = '(province|Province|county|County|city|City|prefecture|Prefecture|district|District|region|Region)';
const PLACE_SUFFIX_PLURAL = '(provinces|Provinces|counties|Counties|cities|Cities|districts|Districts)';
const CAP_WORD = "\\p{Lu}[\\p{L}'’-]*";
/** Words that open a sentence or qualify a name but are not names themselves. */
const STOP_PROPER = new Set([
  'The',
  'A',
  'An',
  'In',
  'On',
  'At',
  'But',
  'And',
  'Or',
  'While',
  'After',
  'Before',
  'Most',
  'Many',
  'Some',
  'Others',
  'Reports',
  'Signs',
  'This',
  'That',
  'These',
  'Those',
  'It',
  'They',
  'He',
  'She',
  'We',
  'As',
  'If',
  'When',
  'Since',
  'Mr',
  'Ms',
  'Mrs',
  'Dr',
  'Sept',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  ...MONTH_NAMES,
]);
const KOREAN_SURNAMES =
  'Kim|Lee|Yi|Ri|Rhee|Park|Pak|Choi|Choe|Jung|Jeong|Chung|Kang|Cho|Jo|Yoon|Yun|Jang|Chang|Lim|Im|Han|Oh|Seo|Shin|Sin|Kwon|Hwang|Ahn|An|Song|Ryu|Yoo|Hong|Jeon|Jon|Ko|Moon|Mun|Yang|Son|Bae|Baek|Paek|Heo|Nam|Ju|Chae|Kil|Ryang|Ro|Noh';
const KOREAN_NAME_RE = new RegExp(
  `${BEFORE}(?:${KOREAN_SURNAMES})\\s+(?:\\p{Lu}\\p{Ll}+-\\p{Ll}+|\\p{Lu}\\p{Ll}+\\s\\p{Lu}\\p{Ll}+)${AFTER}`,
  'gu',
);
const NAME_BLOCKERS_ALT =
  'Square|Street|Bridge|River|Mountain|Mount|University|Stadium|Station|Airport|Hospital|Market|Hotel|Park|Avenue|Road|Hall|Party|Province|County|City|District|Museum|Academy|School|Order|Prize|Foundation';
const NAME_BLOCKERS = new Set(NAME_BLOCKERS_ALT.split('|'));
const GOVERNMENT_CONTEXT =
  /^(?:[-–]\p{Lu}[\p{L}]+)?(?:’s|'s)?\s+(?:relations|ties|government|authorities|regime|leadership|officials|said|says|has|have|had|is|was|announced|denied|condemned|warned|accused|agreed|refused|insisted|responded|urged|demanded|criticized|criticised|protested|rejected)\b/u;

interface Context {
  gazetteer: Gazetteer;
  entities: Map<string, FoundEntity>;
  /** Year for dates written without one: the year of publication, when known. */
  publishedAt: Date | null;
}

function known(ctx: Context, entity: KnownEntity): FoundEntity {
  const existing = ctx.entities.get(entity.key);
  if (existing) return existing;
  const found: FoundEntity = { ...entity, aliases: [...entity.aliases], confirmed: true, isNew: false };
  ctx.entities.set(entity.key, found);
  return found;
}

/** A new entity, unless the gazetteer already knows the name. */
function propose(ctx: Context, kind: EntityKind, name: string, extra: Partial<FoundEntity> = {}): FoundEntity {
  const hit = ctx.gazetteer.lookup(name);
  if (hit) return known(ctx, hit);
  let key = extra.key ?? slugify(name);
  const clash = ctx.gazetteer.byKey.get(key) ?? ctx.entities.get(key);
  if (clash && clash.kind === kind && clash.name === name) return known(ctx, clash);
  if (clash) key = `${key}-${kind.toLowerCase()}`;
  const existing = ctx.entities.get(key) ?? ctx.gazetteer.byKey.get(key);
  if (existing) return known(ctx, existing);
  const entity: FoundEntity = { key, kind, name, aliases: [], confirmed: false, isNew: true, ...extra };
  ctx.entities.set(key, entity);
  return entity;
}

function dateEntity(ctx: Context, month: number, day: number, year: number | null): FoundEntity | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year ?? 2000, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  let y = year;
  if (y === null && ctx.publishedAt) {
    // A date without a year is the most recent such day near publication ("Dec. 28" in a January story).
    y = ctx.publishedAt.getUTCFullYear();
    if (Date.UTC(y, month - 1, day) - ctx.publishedAt.getTime() > 31 * 86400e3) y -= 1;
  }
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const iso = y === null ? `--${mm}-${dd}` : `${y}-${mm}-${dd}`;
  const name = `${MONTH_NAMES[month - 1]} ${day}${y === null ? '' : `, ${y}`}`;
  const key = `date-${iso.replace(/^--/, '')}`;
  const existing = ctx.entities.get(key) ?? ctx.gazetteer.byKey.get(key);
  if (existing) return known(ctx, existing);
  const entity: FoundEntity = { key, kind: 'DATE', name, aliases: [], dateValue: iso, confirmed: true, isNew: true };
  ctx.entities.set(key, entity);
  return entity;
}

function parseNumber(raw: string, scale?: string): number | null {
  const lower = raw.toLowerCase().replace(/,/g, '');
  let value: number | undefined;
  if (/^\d/.test(lower)) value = Number(lower);
  else {
    const [tens, unit] = lower.split('-');
    value = (NUMBER_WORDS[tens ?? ''] ?? Number.NaN) + (unit ? (NUMBER_WORDS[unit] ?? Number.NaN) : 0);
  }
  if (value === undefined || Number.isNaN(value)) return null;
  return scale ? value * (SCALES[scale.toLowerCase()] ?? 1) : value;
}

function quantityEntity(ctx: Context, amount: number, rawUnit: string): FoundEntity {
  const unit = /^(%|percent|per\s+cent)$/i.test(rawUnit) ? 'percent' : rawUnit.toLowerCase();
  const name = `${amount.toLocaleString('en-US')} ${unit}`;
  const key = `quantity-${String(amount).replace('.', '-')}-${slugify(unit)}`;
  const existing = ctx.entities.get(key) ?? ctx.gazetteer.byKey.get(key);
  if (existing) return known(ctx, existing);
  const entity: FoundEntity = { key, kind: 'QUANTITY', name, aliases: [], amount, unit, confirmed: true, isNew: true };
  ctx.entities.set(key, entity);
  return entity;
}

/** Rules for dates, quantities, "X Province", "A, B and C counties", and organization patterns. */
function ruleCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (start: number, end: number, entity: FoundEntity | null, priority = 2) => {
    if (entity) out.push({ start, end, entity, via: 'rule', priority });
  };

  for (const m of text.matchAll(DATE_RE)) {
    const month =
      MONTHS[
        (m[1] ?? '')
          .toLowerCase()
          .replace('.', '')
          .slice(0, (m[1] ?? '').toLowerCase().startsWith('sept') ? 4 : 3)
      ] ?? 0;
    const year = m[3] ? Number(m[3]) : null;
    const firstEnd = m.index + m[0].length - (m[4] ? m[0].length - m[0].search(/\s*(?:and|to|through|-|–)\s*\d{1,2}$/u) : 0);
    add(m.index, firstEnd, dateEntity(ctx, month, Number(m[2]), year), 3);
    if (m[4]) {
      const secondStart = m.index + m[0].length - m[4].length;
      add(secondStart, m.index + m[0].length, dateEntity(ctx, month, Number(m[4]), year), 3);
    }
  }
  for (const m of text.matchAll(ISO_DATE_RE)) {
    add(m.index, m.index + m[0].length, dateEntity(ctx, Number(m[2]), Number(m[3]), Number(m[1])), 3);
  }

  for (const m of text.matchAll(GROUPS_RE)) {
    if (DETERMINER_BEFORE.test(text.slice(0, m.index))) continue;
    const groups = parseNumber(m[1] ?? '');
    const each = parseNumber(m[2] ?? '');
    if (groups === null || each === null) continue;
    add(m.index, m.index + m[0].length, quantityEntity(ctx, groups * each, m[3] ?? ''), 3);
  }
  for (const m of text.matchAll(QUANTITY_RE)) {
    const rawUnit = m[3] ?? m[4] ?? '';
    const unit = rawUnit.toLowerCase();
    if (NOT_UNITS.has(unit) || DETERMINER_BEFORE.test(text.slice(0, m.index))) continue;
    // "in their 20s" is an age bracket, not a count.
    if (/^\d+$/.test(m[1] ?? '') && unit === 's') continue;
    const amount = parseNumber(m[1] ?? '', m[2]);
    if (amount === null) continue;
    add(m.index, m.index + m[0].length, quantityEntity(ctx, amount, rawUnit), 2);
  }

  // "Liaoning province", "Hamgyong Province": a capitalized name followed by an administrative word.
  for (const m of text.matchAll(new RegExp(`${BEFORE}((?:${CAP_WORD}\\s){0,2}${CAP_WORD})\\s${PLACE_SUFFIX}${AFTER}`, 'gu'))) {
    // "China’s Liaoning province": the possessor is not part of the name.
    const words = (m[1] ?? '').split(/\s+/);
    const possessor = words.findLastIndex((w) => /(?:’s|'s)$/u.test(w));
    if (possessor >= 0) words.splice(0, possessor + 1);
    while (words.length && STOP_PROPER.has(words[0] ?? '')) words.shift();
    if (!words.length) continue;
    const name = `${words.join(' ')} ${titleCase(m[2] ?? '')}`;
    const start = m.index + m[0].indexOf(words.join(' '));
    const hit = ctx.gazetteer.lookup(`${words.join(' ')} ${m[2]}`) ?? ctx.gazetteer.lookup(name);
    add(start, m.index + m[0].length, hit ? known(ctx, hit) : propose(ctx, 'PLACE', name), 2);
  }
  // "Sonchon, Yomju and Cholsan counties": each listed name is a place of that kind.
  const list = new RegExp(`${BEFORE}((?:${CAP_WORD},\\s+)*${CAP_WORD},?\\s+and\\s+${CAP_WORD})\\s+${PLACE_SUFFIX_PLURAL}${AFTER}`, 'gu');
  for (const m of text.matchAll(list)) {
    const suffix = singular(m[2] ?? '');
    for (const item of (m[1] ?? '').matchAll(new RegExp(CAP_WORD, 'gu'))) {
      const start = m.index + item.index;
      const name = item[0];
      const hit = ctx.gazetteer.lookup(`${name} ${suffix}`) ?? ctx.gazetteer.lookup(name);
      add(start, start + name.length, hit ? known(ctx, hit) : propose(ctx, 'PLACE', `${name} ${suffix}`, { aliases: [name] }), 2);
    }
  }

  // Organizations: "Ministry of State Security", "U.N. Human Rights Council", "the provincial seafood
  // management bureau", "<Place> customs office", "North Korean Cabinet".
  // Korean names written in the Latin alphabet: a common family name, then a hyphenated given
  // name ("Park Jin-woo") or two capitalized syllables ("Kim Yo Jong"), unless the last word heads
  // a place or an organization ("Kim Il Sung Square").
  for (const m of text.matchAll(KOREAN_NAME_RE)) {
    const last = m[0].split(/\s+/).at(-1) ?? '';
    if (NAME_BLOCKERS.has(last) || new RegExp(`^${AFTER}\\s+(?:${NAME_BLOCKERS_ALT})${AFTER}`, 'u').test(text.slice(m.index + m[0].length)))
      continue;
    add(m.index, m.index + m[0].length, propose(ctx, 'PERSON', m[0]), 2);
  }

  const orgPatterns: RegExp[] = [
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
  for (const re of orgPatterns) {
    for (const m of text.matchAll(re)) {
      const name = m[0].replace(/\s+(?:and|of|the)$/u, '');
      add(m.index, m.index + name.length, propose(ctx, 'ORGANIZATION', name), 2);
    }
  }
  return out;
}

/** "<known place> customs office": found after gazetteer matches, since it builds on them. */
function placeOrgCandidates(ctx: Context, text: string, places: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const tail = new RegExp(`^((?:\\s\\p{L}+){0,2}\\s(?:${ORG_HEADS}))${AFTER}`, 'iu');
  for (const place of places) {
    if (place.entity.kind !== 'PLACE') continue;
    const m = tail.exec(text.slice(place.end));
    if (!m) continue;
    const name = `${text.slice(place.start, place.end)}${m[1]}`;
    out.push({
      start: place.start,
      end: place.end + (m[1]?.length ?? 0),
      entity: propose(ctx, 'ORGANIZATION', name),
      via: 'rule',
      priority: 2,
    });
  }
  return out;
}

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();
const singular = (w: string) => {
  const lower = w.toLowerCase();
  return titleCase(lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.replace(/s$/, ''));
};

function isInside(inner: Candidate, outer: Candidate) {
  return inner.start >= outer.start && inner.end <= outer.end && (inner.start !== outer.start || inner.end !== outer.end);
}

/**
 * Keeps the longest span where candidates overlap; a known place inside an organization's name
 * ("Sinuiju" in "Sinuiju customs office") is kept as a mention of its own.
 */
function resolve(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || b.priority - a.priority || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const overlapping = kept.filter((k) => c.start < k.end && k.start < c.end);
    const nestedPlace =
      overlapping.length > 0 &&
      c.entity.kind === 'PLACE' &&
      !c.entity.isNew &&
      overlapping.every((k) => k.entity.kind === 'ORGANIZATION' && isInside(c, k) && k.entity.key !== c.entity.key);
    if (overlapping.length === 0 || nestedPlace) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function cleanProposal(surface: string): { text: string; offset: number } {
  let text = surface;
  let offset = 0;
  const lead = /^(?:the|The)\s+/.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    offset = lead[0].length;
  }
  text = text.replace(/(?:’s|'s|’|')?[\s.,;:!?"“”)]*$/u, '');
  return { text, offset };
}

/** Unknown proper nouns proposed by compromise, typed by its tagger or by their context. */
function nlpCandidates(ctx: Context, text: string, taken: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const doc = nlp(text);
  type Matches = { json(options: object): unknown };
  const typed: Array<[EntityKind, Matches]> = [
    ['PERSON', doc.people()],
    ['PLACE', doc.places()],
    ['ORGANIZATION', doc.organizations()],
  ];
  const seen = new Set<string>();
  const consider = (surface: string, guess: EntityKind | null, from: number) => {
    for (const part of surface.split(/[—–]/u)) {
      const { text: name, offset } = cleanProposal(part.trim());
      if (!name || seen.has(`${from}:${name}`)) continue;
      const start = text.indexOf(name, from + offset);
      if (start < 0) continue;
      seen.add(`${from}:${name}`);
      const end = start + name.length;
      if (taken.some((t) => start < t.end && t.start < end)) continue;
      if (!/^\p{Lu}/u.test(name) || name.length < 3) continue;
      // A candidate must start and end on word boundaries ("Jin-" out of "Park Jin-woo" is not a name).
      if (/[\p{L}\p{N}-]/u.test(text.charAt(start - 1)) || /[\p{L}\p{N}-]/u.test(text.charAt(end)) || /-$/.test(name)) continue;
      const words = name.split(/\s+/);
      if (words.every((w) => STOP_PROPER.has(w))) continue;
      if (name in DEMONYMS || DEMONYM_PLURALS.includes(name)) continue;
      // A capitalized word that merely opens a sentence is not a name.
      if (words.length === 1 && (start === 0 || /[.!?]["”’]?\s+$/u.test(text.slice(0, start)))) continue;
      const kind = guess ?? guessKind(name, text, start, end, taken);
      if (!kind) continue;
      out.push({ start, end, entity: propose(ctx, kind, name), via: 'nlp', priority: 0 });
    }
  };
  for (const [kind, matches] of typed) {
    for (const m of matches.json({ offset: true }) as Array<{ text: string; offset: { start: number } }>) {
      consider(m.text, kind, m.offset.start);
    }
  }
  for (const m of doc.match('#ProperNoun+').json({ offset: true }) as Array<{ text: string; offset: { start: number } }>) {
    consider(m.text, null, m.offset.start);
  }
  // wink-nlp's tagger finds more proper nouns than compromise (npm run bench) but does not type
  // them: its runs of PROPN tokens are typed by context, like compromise's untyped ones.
  for (const run of properNounRuns(text)) consider(run.text, null, run.start);
  return out;
}

let wink: ReturnType<typeof winkNLP> | null = null;

/** Runs of consecutive proper-noun tokens, with their offsets in the text. */
function properNounRuns(text: string): Array<{ text: string; start: number }> {
  wink ??= winkNLP(model);
  const its = wink.its;
  const runs: Array<{ text: string; start: number }> = [];
  let cursor = 0;
  const open = { start: -1, end: -1 };
  const flush = () => {
    if (open.start >= 0) runs.push({ text: text.slice(open.start, open.end), start: open.start });
    open.start = -1;
  };
  wink
    .readDoc(text)
    .tokens()
    .each((token: ItemToken) => {
      const value = token.out();
      const at = text.indexOf(value, cursor);
      if (at < 0) return;
      cursor = at + value.length;
      if (token.out(its.pos) !== 'PROPN') return flush();
      if (open.start < 0) open.start = at;
      open.end = cursor;
    });
  flush();
  return runs;
}

const PERSON_CUE = /(?:\b(?:Mr|Ms|Mrs|Dr|President|Premier|Minister|Chairman|General|leader|spokesperson|spokesman|spokeswoman)\.?\s+)$/u;
const PLACE_CUE = /\b(?:in|near|at|from|to|into|outside)\s+$/u;

function guessKind(name: string, text: string, start: number, end: number, known: Candidate[]): EntityKind | null {
  if (ORG_HEAD_RE.test(name) || /\b(?:Press|News|Times|Programme|Program|Fund|Group|Institute|University|Agency)$/u.test(name)) {
    return 'ORGANIZATION';
  }
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 30);
  // Coordinated with a known place: "Dandong and Donggang".
  const coordinated = known.some(
    (k) =>
      k.entity.kind === 'PLACE' &&
      ((k.end <= start && /^\s*(?:,|and|or)\s*$/u.test(text.slice(k.end, start))) ||
        (k.start >= end && /^\s*(?:,|and|or)\s*$/u.test(text.slice(end, k.start)))),
  );
  if (coordinated) return 'PLACE';
  if (PERSON_CUE.test(before) || /^\s*,?\s*(?:said|says|told)\b/u.test(after)) return 'PERSON';
  if (PLACE_CUE.test(before)) return 'PLACE';
  return null;
}

/**
 * Short references: after a person is named in full, a later bare family or given name ("Kim")
 * refers to that person, unless two people of the article share it.
 */
function referenceCandidates(ctx: Context, paragraphs: string[], found: Candidate[][]): void {
  const firstSeen = new Map<string, { paragraph: number; offset: number; keys: Set<string> }>();
  found.forEach((candidates, p) => {
    for (const c of candidates) {
      if (c.entity.kind !== 'PERSON') continue;
      const tokens = c.entity.name.split(/\s+/).filter((t) => t.length >= 3);
      if (tokens.length < 2) continue;
      for (const token of [tokens[0], tokens[tokens.length - 1]]) {
        if (!token) continue;
        const seen = firstSeen.get(token);
        if (seen) seen.keys.add(c.entity.key);
        else firstSeen.set(token, { paragraph: p, offset: c.end, keys: new Set([c.entity.key]) });
      }
    }
  });
  for (const [token, seen] of firstSeen) {
    if (seen.keys.size !== 1) continue;
    const [key] = [...seen.keys];
    const entity = key ? ctx.entities.get(key) : undefined;
    if (!entity) continue;
    const re = new RegExp(`${BEFORE}${escapeRegExp(token)}${AFTER}`, 'gu');
    paragraphs.forEach((text, p) => {
      if (p < seen.paragraph) return;
      for (const m of text.matchAll(re)) {
        if (p === seen.paragraph && m.index < seen.offset) continue;
        const start = m.index;
        const end = start + token.length;
        const list = found[p] ?? [];
        if (list.some((c) => start < c.end && c.start < end)) continue;
        list.push({ start, end, entity, via: 'reference', priority: 1 });
      }
    });
  }
}

/** Extracts entities and mentions from an article's paragraphs. Pure: reads the gazetteer, writes nothing. */
export function extractEntities(
  paragraphs: string[],
  gazetteer: Gazetteer,
  options: { publishedAt?: Date | null /** Ask the NLP library for unknown names (default true). */; proposals?: boolean } = {},
): Extraction {
  const ctx: Context = { gazetteer, entities: new Map(), publishedAt: options.publishedAt ?? null };
  const perParagraph: Candidate[][] = paragraphs.map((text) => {
    const fromGazetteer: Candidate[] = [...gazetteer.matches(text)].map((m) => ({
      start: m.start,
      end: m.end,
      entity: known(ctx, m.entity),
      via: 'gazetteer' as const,
      priority: 1,
    }));
    const rules = ruleCandidates(ctx, text);
    const placeOrgs = placeOrgCandidates(ctx, text, [...fromGazetteer, ...rules]);
    return resolve([...fromGazetteer, ...rules, ...placeOrgs]);
  });
  referenceCandidates(ctx, paragraphs, perParagraph);
  const resolved = perParagraph.map((candidates, p) => {
    const text = paragraphs[p] ?? '';
    return options.proposals === false ? candidates : resolve([...candidates, ...nlpCandidates(ctx, text, candidates)]);
  });

  const mentions: FoundMention[] = [];
  resolved.forEach((candidates, p) => {
    const text = paragraphs[p] ?? '';
    for (const c of candidates) {
      const mention: FoundMention = {
        paragraph: p,
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        entityKey: c.entity.key,
        via: c.via,
      };
      if (c.entity.capitalOf && GOVERNMENT_CONTEXT.test(text.slice(c.end))) mention.referentKey = c.entity.capitalOf;
      if (c.entity.capitalOf && /[-–]$/u.test(text.slice(0, c.start)) && /\s+(?:relations|ties)\b/u.test(text.slice(c.end))) {
        mention.referentKey = c.entity.capitalOf;
      }
      mentions.push(mention);
    }
  });
  // Only entities that kept a mention are part of the article.
  const used = new Set(mentions.map((m) => m.entityKey));
  for (const m of mentions) if (m.referentKey) used.add(m.referentKey);
  for (const key of [...ctx.entities.keys()]) if (!used.has(key)) ctx.entities.delete(key);
  for (const m of mentions) {
    if (m.referentKey && !ctx.entities.has(m.referentKey)) {
      const referent = gazetteer.byKey.get(m.referentKey);
      if (referent) known(ctx, referent);
      else delete m.referentKey;
    }
  }
  return { entities: ctx.entities, mentions };
}
