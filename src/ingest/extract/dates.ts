// Dates: "Sept. 10", "September 10, 2025", "Sept. 10 and 12" (two dates), "Sept. 10-12", ISO values.
// A date without a year takes the year of publication when it is known, else is stored as --MM-DD.
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, type FoundEntity, ruleCandidate, valueEntity } from './candidates.js';
import { MONTH_NAMES, MONTHS } from './words.js';

const MONTH =
  '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// "Sept. 10", "September 10, 2025", "Sept. 10 and 12", "Sept. 10-12"
const DATE_RE = new RegExp(
  `${BEFORE}${MONTH}\\s+${DAY}(?:,?\\s+(\\d{4}))?(?:\\s*(?:and|to|through|-|–)\\s*(\\d{1,2})(?![\\p{L}\\p{N}]|\\s+[a-z]+s${AFTER}|\\s*%))?${AFTER}`,
  'gu',
);
const ISO_DATE_RE = new RegExp(`${BEFORE}(\\d{4})-(\\d{2})-(\\d{2})${AFTER}`, 'gu');

/** The entity of a calendar day, or null for a day that does not exist. */
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
  return valueEntity(ctx, { key, kind: 'DATE', name, aliases: [], dateValue: iso, confirmed: true, isNew: true });
}

/** The month number of a written month ("Sept." → 9). */
function monthOf(written: string): number {
  const lower = written.toLowerCase();
  return MONTHS[lower.replace('.', '').slice(0, lower.startsWith('sept') ? 4 : 3)] ?? 0;
}

export function dateCandidates(ctx: Context, text: string): Candidate[] {
  const out: Candidate[] = [];
  const add = (start: number, end: number, entity: FoundEntity | null) => {
    if (entity) out.push(ruleCandidate(start, end, entity, 3));
  };
  for (const m of text.matchAll(DATE_RE)) {
    const month = monthOf(m[1] ?? '');
    const year = m[3] ? Number(m[3]) : null;
    const firstEnd = m.index + m[0].length - (m[4] ? m[0].length - m[0].search(/\s*(?:and|to|through|-|–)\s*\d{1,2}$/u) : 0);
    add(m.index, firstEnd, dateEntity(ctx, month, Number(m[2]), year));
    if (m[4]) {
      const secondStart = m.index + m[0].length - m[4].length;
      add(secondStart, m.index + m[0].length, dateEntity(ctx, month, Number(m[4]), year));
    }
  }
  for (const m of text.matchAll(ISO_DATE_RE)) {
    add(m.index, m.index + m[0].length, dateEntity(ctx, Number(m[2]), Number(m[3]), Number(m[1])));
  }
  return out;
}
