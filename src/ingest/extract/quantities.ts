// Quantities: "40 percent", "200 smugglers", "three groups of 50 workers" (150 workers). A number
// after a determiner is a reference, not a measurement ("the two countries").
import { AFTER, BEFORE } from '../gazetteer.js';
import { slugify } from '../text.js';
import { type Candidate, type Context, type FoundEntity, ruleCandidate, valueEntity } from './candidates.js';
import { wordBefore } from './spans.js';
import { NOT_UNITS, NUMBER_WORDS, SCALES } from './words.js';

const NUM = `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|(?:${Object.keys(NUMBER_WORDS).join('|')})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)`;
const SCALE = `(?:\\s+(${Object.keys(SCALES).join('|')}))?`;
const UNIT = '(?:\\s*(%)|\\s+(percent|per\\s+cent|[a-z]{2,}s))';
const QUANTITY_RE = new RegExp(`${BEFORE}${NUM}${SCALE}${UNIT}${AFTER}`, 'giu');
const GROUPS_RE = new RegExp(
  `${BEFORE}${NUM}\\s+(?:groups|batches|teams|units|rounds)\\s+of\\s+${NUM}\\s+([a-z]{2,}s)${AFTER}(?:\\s+each${AFTER})?`,
  'giu',
);
/** Words before a number that make it a reference, not a measurement ("the two countries"). */
const DETERMINERS = new Set(['the', 'these', 'those', 'both', 'all', 'their', 'its', 'our', 'his', 'her']);
/** A determiner, then whitespace, right before `index` (reading only those words, not the text before). */
const determinerBefore = (text: string, index: number) => DETERMINERS.has(wordBefore(text, index, 5)?.toLowerCase() ?? '');

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
  return scale ? value * (SCALES[scale.toLowerCase()] ?? 1) : value;
}

function quantityEntity(ctx: Context, amount: number, rawUnit: string): FoundEntity | null {
  const unit = /^(%|percent|per\s+cent)$/i.test(rawUnit) ? 'percent' : rawUnit.toLowerCase();
  const name = `${amount.toLocaleString('en-US')} ${unit}`;
  const key = `quantity-${String(amount).replace('.', '-')}-${slugify(unit)}`;
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
  for (const m of text.matchAll(QUANTITY_RE)) {
    const rawUnit = m[3] ?? m[4] ?? '';
    const unit = rawUnit.toLowerCase();
    if (NOT_UNITS.has(unit) || determinerBefore(text, m.index)) continue;
    // "in their 20s" is an age bracket, not a count.
    if (/^\d+$/.test(m[1] ?? '') && unit === 's') continue;
    const amount = parseNumber(m[1] ?? '', m[2]);
    if (amount === null) continue;
    const entity = quantityEntity(ctx, amount, rawUnit);
    if (entity) out.push(ruleCandidate(m.index, m.index + m[0].length, entity, 2));
  }
  return out;
}
