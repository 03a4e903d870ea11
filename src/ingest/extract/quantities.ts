// Quantities: "40 percent", "200 smugglers", "three groups of 50 workers" (150 workers), counts with
// words between the number and what it counts ("38 North Korean defectors", "12 million artillery
// shells"), money ("$1.6 billion", "1.2 million yuan", "20 million won") and durations ("12 weeks").
// A qualifier before the number ("about", "at least", "up to"…) stays in the entity's name, so that
// "about 10 soldiers" is not taken for exactly 10. A number after a determiner is a reference, not
// a measurement ("the two countries"); a year after a preposition is a date ("in 2019 officials…").
import { AFTER, BEFORE, escapeRegExp } from '../gazetteer.js';
import { slugify } from '../text.js';
import { type Candidate, type Context, type FoundEntity, ruleCandidate, valueEntity } from './candidates.js';
import { wordBefore } from './spans.js';
import {
  CURRENCY_SIGNS,
  CURRENCY_WORDS,
  DEMONYM_PLURALS,
  DEMONYMS,
  IRREGULAR_PLURALS,
  NOT_COUNT_MODIFIERS,
  NOT_UNITS,
  NUMBER_WORDS,
  QUANTITY_QUALIFIERS,
  SCALES,
} from './words.js';

/** A word in either case of its first letter ("About", "about"): the rules are case-sensitive, as names are. */
const eitherCase = (word: string) => `[${word.charAt(0)}${word.charAt(0).toUpperCase()}]${word.slice(1)}`;
const NUMBER_WORD = `(?:${Object.keys(NUMBER_WORDS).map(eitherCase).join('|')})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?`;
const NUM = `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|${NUMBER_WORD})`;
const SCALE = `(?:\\s+(${Object.keys(SCALES).join('|')}))?`;
const QUALIFIER = `(?:(${QUANTITY_QUALIFIERS.map((q) => eitherCase(q).replace(/ /g, '\\s+')).join('|')})\\s+)?`;
/**
 * Words between a number and what it counts: a nationality ("North Korean"), or a lowercase word
 * ("combat", "trash-filled") that is no function word or currency.
 */
const MODIFIER = `(?:\\s+(?:${Object.keys(DEMONYMS).join('|')}|(?!(?:${[...NOT_COUNT_MODIFIERS, ...Object.keys(CURRENCY_WORDS)].join('|')})${AFTER})[a-z]+(?:-[a-z]+)*)${AFTER})`;
/** What a number counts: "%", a nationality's plural, an irregular plural, or a plural noun ("wagons"; not "across"). */
const UNIT = `(?:\\s*(%)|\\s+(percent|per\\s+cent|${DEMONYM_PLURALS.join('|')}|${IRREGULAR_PLURALS.join('|')}|(?!(?:${[...NOT_UNITS].join('|')})${AFTER})[a-z]{2,}s))`;
// "40 percent", "200 smugglers", "about 10 North Korean soldiers", "12 million artillery shells"
const QUANTITY_RE = new RegExp(`${BEFORE}${QUALIFIER}${NUM}${SCALE}((?:${MODIFIER}){0,3})${UNIT}${AFTER}`, 'gu');
const GROUPS_RE = new RegExp(
  `${BEFORE}${NUM}\\s+(?:groups|batches|teams|units|rounds)\\s+of\\s+${NUM}\\s+([a-z]{2,}s)${AFTER}(?:\\s+each${AFTER})?`,
  'giu',
);
const SIGNS = Object.keys(CURRENCY_SIGNS)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
// "$1.6 billion", "US$300 million", "about $14,000"
const MONEY_SIGN_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_$])${QUALIFIER}(${SIGNS})\\s?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)${SCALE}${AFTER}`,
  'gu',
);
// "1.2 million yuan", "20 million won", "500 U.S. dollars"
const MONEY_WORD_RE = new RegExp(
  `${BEFORE}${QUALIFIER}${NUM}${SCALE}\\s+(?:U\\.S\\.\\s+|US\\s+)?(${Object.keys(CURRENCY_WORDS).join('|')})${AFTER}`,
  'gu',
);
/** Words before a number that make it a reference, not a measurement ("the two countries"). */
const DETERMINERS = new Set(['the', 'these', 'those', 'both', 'all', 'their', 'its', 'our', 'his', 'her']);
/** A determiner, then whitespace, right before `index` (reading only those words, not the text before). */
const determinerBefore = (text: string, index: number) => DETERMINERS.has(wordBefore(text, index, 5)?.toLowerCase() ?? '');
/** Prepositions before a year that make it a date: "in 2019 officials…" is no count of officials. */
const YEAR_PREPOSITIONS = new Set(['in', 'since', 'by', 'until', 'till', 'from', 'through', 'during', 'before', 'after', 'of', 'between']);
const DEMONYM_PLURAL_SET = new Set(DEMONYM_PLURALS);

/** A written number ("1,200", "twenty-five", "3 million") as a value, or null. */
function parseNumber(raw: string, scale?: string): number | null {
  const lower = raw.toLowerCase().replace(/,/g, '');
  let value: number | undefined;
  if (/^\d/.test(lower)) value = Number(lower);
  else {
    const [tens, unit] = lower.split('-');
    value = (NUMBER_WORDS[tens ?? ''] ?? Number.NaN) + (unit ? (NUMBER_WORDS[unit] ?? Number.NaN) : 0);
  }
  if (value === undefined || Number.isNaN(value)) return null;
  // toPrecision: 1.16 billion is 1160000000, not 1159999999.9999998.
  return scale ? Number((value * (SCALES[scale.toLowerCase()] ?? 1)).toPrecision(12)) : value;
}

/** An amount as a name writes it: "150", "1,500", "1.6 billion". */
function amountName(amount: number): string {
  for (const [word, scale] of [
    ['trillion', 1e12],
    ['billion', 1e9],
    ['million', 1e6],
  ] as const) {
    if (amount >= scale) {
      const scaled = Number((amount / scale).toPrecision(12));
      if (Number.isInteger(scaled * 1000)) return `${scaled.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${word}`;
    }
  }
  return amount.toLocaleString('en-US');
}

function quantityEntity(ctx: Context, amount: number, rawUnit: string, rawQualifier?: string): FoundEntity | null {
  const unit = /^(%|percent|per\s+cent)$/i.test(rawUnit) ? 'percent' : rawUnit.toLowerCase().replace(/\s+/g, ' ');
  const qualifier = rawQualifier?.toLowerCase().replace(/\s+/g, ' ');
  const name = `${qualifier ? `${qualifier} ` : ''}${amountName(amount)} ${unit}`;
  const key = `quantity-${qualifier ? `${slugify(qualifier)}-` : ''}${String(amount).replace('.', '-')}-${slugify(unit)}`;
  return valueEntity(ctx, { key, kind: 'QUANTITY', name, aliases: [], amount, unit, confirmed: true, isNew: true });
}

export function quantityCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(GROUPS_RE)) {
    if (determinerBefore(text, m.index)) continue;
    const groups = parseNumber(m[1] ?? '');
    const each = parseNumber(m[2] ?? '');
    if (groups === null || each === null) continue;
    const entity = quantityEntity(ctx, groups * each, m[3] ?? '');
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity, 3));
  }
  for (const m of text.matchAll(MONEY_SIGN_RE)) {
    const amount = parseNumber(m[3] ?? '', m[4]);
    if (amount === null || determinerBefore(text, m.index)) continue;
    const entity = quantityEntity(ctx, amount, CURRENCY_SIGNS[m[2] ?? ''] ?? 'dollars', m[1]);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity, 3));
  }
  for (const m of text.matchAll(MONEY_WORD_RE)) {
    const amount = parseNumber(m[2] ?? '', m[3]);
    const word = (m[4] ?? '').toLowerCase();
    if (amount === null || determinerBefore(text, m.index)) continue;
    // "won" is a currency after a large amount ("20 million won", "5,000 won"), else most likely the verb.
    if (word === 'won' && !m[3] && amount < 100) continue;
    const entity = quantityEntity(ctx, amount, CURRENCY_WORDS[word] ?? word, m[1]);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity, 3));
  }
  for (const m of text.matchAll(QUANTITY_RE)) {
    const qualifier = m[1];
    const raw = m[2] ?? '';
    const counted = m[5] ?? m[6] ?? '';
    const unit = counted.toLowerCase();
    if (NOT_UNITS.has(unit) || determinerBefore(text, m.index)) continue;
    // "in their 20s" is an age bracket, not a count.
    if (/^\d+$/.test(raw) && unit === 's') continue;
    // "in 2019 officials said": a year, not a count.
    if (!qualifier && /^(?:1[89]|20)\d\d$/.test(raw) && YEAR_PREPOSITIONS.has(wordBefore(text, m.index, 8)?.toLowerCase() ?? '')) continue;
    // Money is read by the currency rules ("20 million won", "6,800 yuan").
    if (unit in CURRENCY_WORDS) continue;
    const amount = parseNumber(raw, m[3]);
    if (amount === null) continue;
    // "15 North Koreans" count people.
    const entity = quantityEntity(ctx, amount, DEMONYM_PLURAL_SET.has(counted) ? 'people' : counted, qualifier);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity, 2));
  }
  return out;
}
