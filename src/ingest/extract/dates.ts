// Dates: days ("Sept. 10", "September 10, 2025", "Sept. 10 and 12" (two dates), "Sept. 10-12", ISO
// values), weekdays ("on Monday"), months ("April 2023", "in June", "early August", "mid-April",
// "October of that year") and years ("in 2019", "a 2020 law").
//
// Values are ISO 8601 at the precision written: "2025-09-10", "2025-06", "2019". A day or a month
// without a year takes it from the publication date: the nearest such day or month (at most six
// months before or after publication), the most recent one after "since", or the next one when the
// clause speaks of the future ("will begin flights in late November"). Without a publication date
// a day is stored as "--09-10" and a month as "--06". A weekday is the most recent such day on or
// before publication ("next Monday": the one after); without a publication date it cannot be
// placed in the calendar and is not an entity. Dates are read in the order written, so that
// "that year" is the last year the article wrote out.
import { AFTER, BEFORE } from '../gazetteer.js';
import { type Candidate, type Context, type FoundEntity, ruleCandidate, valueEntity } from './candidates.js';
import { wordBefore } from './spans.js';
import { MONTH_NAMES, MONTHS, WEEKDAYS } from './words.js';

const DAY_MS = 86400e3;

const MONTH =
  '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
/** A month written out or abbreviated with a period, for the month-only forms (never "Mar" or "Jun" alone). */
const MONTH_WORD =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept\\.|Sep\\.|Oct\\.|Nov\\.|Dec\\.)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
// "Sept. 10", "September 10, 2025", "Sept. 10 and 12", "Sept. 10-12"
const DATE_RE = new RegExp(
  `${BEFORE}${MONTH}\\s+${DAY}(?:,?\\s+(\\d{4}))?(?:\\s*(?:and|to|through|-|–)\\s*(\\d{1,2})(?![\\p{L}\\p{N}]|\\s+[a-z]+s${AFTER}|\\s*%))?${AFTER}`,
  'gu',
);
const ISO_DATE_RE = new RegExp(`${BEFORE}(\\d{4})-(\\d{2})-(\\d{2})${AFTER}`, 'gu');
const QUALIFIER = '(?:(early|mid|late)(?:-|\\s+))?';
// "April 2023", "early August 2024", "June of 2024"
const MONTH_YEAR_RE = new RegExp(`${BEFORE}${QUALIFIER}${MONTH_WORD}(?:\\s+of)?,?\\s+(\\d{4})${AFTER}`, 'gu');
// "in June", "mid-April", "October of that year"; the words before it are checked in code.
const MONTH_ONLY_RE = new RegExp(
  `${BEFORE}${QUALIFIER}${MONTH_WORD}(?![\\p{L}\\p{N}_])(?!\\s*,?\\s*\\d)(?:\\s+of\\s+(that|last|this|next|the\\s+same|the\\s+following|the\\s+previous)\\s+year${AFTER})?`,
  'gu',
);
const WEEKDAY_RE = new RegExp(`${BEFORE}(?:(last|next|this|coming|past)\\s+)?(${WEEKDAYS.join('|')})(?:['’]s)?${AFTER}`, 'gu');
const YEAR_RE = new RegExp(`${BEFORE}(?:(early|mid|late)(?:-|\\s+))?(1[89]\\d\\d|20\\d\\d)${AFTER}`, 'gu');

/** Words right before a bare month that make it a date ("in June", "since May", "last July"). */
const MONTH_CUES = new Set([
  'in',
  'since',
  'until',
  'till',
  'by',
  'from',
  'through',
  'throughout',
  'during',
  'before',
  'after',
  'between',
  'of',
  'for',
  'to',
  'last',
  'next',
  'this',
]);
/** Words right before a year that make it a date ("in 2019", "since 2017"). */
const YEAR_CUES = new Set([...MONTH_CUES, 'around', 'circa', 'early', 'late', 'mid']);
/** "between July and September", "June to August": a month or year before the joining word. */
const JOINED_MONTH = new RegExp(`${MONTH_WORD}(?:\\s+\\d{4})?\\s+(?:and|or|to|through)\\s+$`, 'u');
const JOINED_YEAR = /\d{4}\s+(?:and|or|to|through)\s+$/u;
/** Weekdays that recur ("every Saturday") or are not one day ("most Sundays"). */
const NOT_ONE_DAY = new Set(['every', 'each', 'most', 'other', 'some', 'all']);
/** An explicit date right after a weekday ("Monday, Sept. 8"): the date says which day it is. */
const DATE_AFTER_WEEKDAY = new RegExp(`^,?\\s+(?:${MONTH}\\s+\\d|\\d{1,2}\\s+${MONTH})`, 'u');
/** Words in the clause before a date that put it in the future ("will begin flights in late November"). */
const FUTURE_CUE =
  /(?:^|[^\p{L}])(?:will|would|shall|’ll|'ll|plans?|planned|planning|scheduled|expected|due|upcoming|coming|next|intends?|aims?)(?![\p{L}])/iu;

/** Whether the clause before `index` (at most 100 characters, back to a sentence end) speaks of the future. */
function futureBefore(text: string, index: number): boolean {
  let window = text.slice(Math.max(0, index - 100), index);
  const end = window.search(/[.!?]["”’]?\s+(?=[^.!?]*$)/u);
  if (end >= 0) window = window.slice(end + 1);
  return FUTURE_CUE.test(window);
}

const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());

/** Which occurrence of a day or month without a year is meant: the nearest, the last one on or before publication, or the next. */
type Tense = 'nearest' | 'past' | 'future';

/** The tense of a date without a year: "since June" is past, "will meet in June" future, else the nearest. */
function tenseAt(text: string, index: number, cue: string): Tense {
  if (cue === 'since') return 'past';
  return futureBefore(text, index) ? 'future' : 'nearest';
}

/**
 * The year of a day of the year (`month` 1-12, `day` 1-31) written without one, from the
 * publication date; null when there is none. `nearest`: within six months either side of
 * publication ("Dec. 28" in a January story is last December's).
 */
function yearOf(ctx: Context, month: number, day: number, tense: Tense): number | null {
  if (!ctx.publishedAt) return null;
  const y = ctx.publishedAt.getUTCFullYear();
  const published = utcDay(ctx.publishedAt);
  const at = Date.UTC(y, month - 1, day);
  if (tense === 'past') return at <= published ? y : y - 1;
  if (tense === 'future') return at >= published ? y : y + 1;
  const half = 183 * DAY_MS;
  if (at - published > half) return y - 1;
  if (published - at > half) return y + 1;
  return y;
}

/** The year of a month written without one: as a day, the month's first day when past, its last when future, else its middle. */
function yearOfMonth(ctx: Context, month: number, tense: Tense): number | null {
  const day = tense === 'past' ? 1 : tense === 'future' ? new Date(Date.UTC(2001, month, 0)).getUTCDate() : 15;
  return yearOf(ctx, month, day, tense);
}

/** The entity of a calendar day, or null for a day that does not exist. */
function dateEntity(ctx: Context, month: number, day: number, year: number | null): FoundEntity | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year ?? 2000, month - 1, day));
  if (probe.getUTCDate() !== day) return null;
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const iso = year === null ? `--${mm}-${dd}` : `${year}-${mm}-${dd}`;
  const name = `${MONTH_NAMES[month - 1]} ${day}${year === null ? '' : `, ${year}`}`;
  const key = `date-${iso.replace(/^--/, '')}`;
  return valueEntity(ctx, { key, kind: 'DATE', name, aliases: [], dateValue: iso, confirmed: true, isNew: true });
}

const qualified = (qualifier: string | null, name: string) =>
  qualifier ? `${qualifier === 'mid' ? 'mid-' : `${qualifier} `}${name}` : name;

/** The entity of a month ("2025-06", or "--06" without a year), qualified ("early August 2025") or not. */
function monthEntity(ctx: Context, month: number, year: number | null, qualifier: string | null): FoundEntity | null {
  if (month < 1 || month > 12) return null;
  const mm = String(month).padStart(2, '0');
  const iso = year === null ? `--${mm}` : `${year}-${mm}`;
  const name = qualified(qualifier, `${MONTH_NAMES[month - 1]}${year === null ? '' : ` ${year}`}`);
  const key = `date-${iso.replace(/^--/, '')}${qualifier ? `-${qualifier}` : ''}`;
  return valueEntity(ctx, { key, kind: 'DATE', name, aliases: [], dateValue: iso, confirmed: true, isNew: true });
}

/** The entity of a year ("2019"), qualified ("early 2019") or not. */
function yearEntity(ctx: Context, year: number, qualifier: string | null): FoundEntity | null {
  const iso = String(year);
  const key = `date-${iso}${qualifier ? `-${qualifier}` : ''}`;
  return valueEntity(ctx, {
    key,
    kind: 'DATE',
    name: qualified(qualifier, iso),
    aliases: [],
    dateValue: iso,
    confirmed: true,
    isNew: true,
  });
}

/** The month number of a written month ("Sept." → 9). */
function monthOf(written: string): number {
  const lower = written.toLowerCase();
  return MONTHS[lower.replace('.', '').slice(0, lower.startsWith('sept') ? 4 : 3)] ?? 0;
}

/** A date found in the text, valued once the dates before it have been (for "that year"). */
interface Found {
  start: number;
  end: number;
  value: () => FoundEntity | null;
}

const qualifierOf = (raw: string | undefined) => (raw ? raw.toLowerCase() : null);

function days(ctx: Context, text: string, out: Found[]): void {
  for (const m of text.matchAll(DATE_RE)) {
    const month = monthOf(m[1] ?? '');
    const year = m[3] ? Number(m[3]) : null;
    const tense = tenseAt(text, m.index, wordBefore(text, m.index, 12)?.toLowerCase() ?? '');
    const firstEnd = m.index + m[0].length - (m[4] ? m[0].length - m[0].search(/\s*(?:and|to|through|-|–)\s*\d{1,2}$/u) : 0);
    out.push({
      start: m.index,
      end: firstEnd,
      value: () => {
        if (year !== null) ctx.lastYear = year;
        return dateEntity(ctx, month, Number(m[2]), year ?? yearOf(ctx, month, Number(m[2]), tense));
      },
    });
    if (m[4]) {
      const second = Number(m[4]);
      out.push({
        start: m.index + m[0].length - m[4].length,
        end: m.index + m[0].length,
        value: () => dateEntity(ctx, month, second, year ?? yearOf(ctx, month, second, tense)),
      });
    }
  }
  for (const m of text.matchAll(ISO_DATE_RE)) {
    const year = Number(m[1]);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: () => {
        ctx.lastYear = year;
        return dateEntity(ctx, Number(m[2]), Number(m[3]), year);
      },
    });
  }
}

function months(ctx: Context, text: string, out: Found[]): void {
  for (const m of text.matchAll(MONTH_YEAR_RE)) {
    const year = Number(m[3]);
    if (year < 1800 || year > 2199) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: () => {
        ctx.lastYear = year;
        return monthEntity(ctx, monthOf(m[2] ?? ''), year, qualifierOf(m[1]));
      },
    });
  }
  for (const m of text.matchAll(MONTH_ONLY_RE)) {
    const qualifier = qualifierOf(m[1]);
    const month = monthOf(m[2] ?? '');
    const ofYear = m[3]?.replace(/\s+/gu, ' ');
    const cue = wordBefore(text, m.index, 12)?.toLowerCase() ?? '';
    const joined = ['and', 'or', 'to', 'through'].includes(cue) && JOINED_MONTH.test(text.slice(Math.max(0, m.index - 40), m.index));
    if (!qualifier && !ofYear && !MONTH_CUES.has(cue) && !joined) continue;
    const tense = tenseAt(text, m.index, cue);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: () => {
        const published = ctx.publishedAt ? { year: ctx.publishedAt.getUTCFullYear(), month: ctx.publishedAt.getUTCMonth() + 1 } : null;
        const relative = ofYear ?? (!qualifier && ['last', 'next', 'this'].includes(cue) ? cue : null);
        let year: number | null;
        if (relative === 'that' || relative === 'the same') year = ctx.lastYear ?? yearOfMonth(ctx, month, tense);
        else if (relative === 'the following' || relative === 'the previous') {
          year = ctx.lastYear === undefined ? null : ctx.lastYear + (relative === 'the following' ? 1 : -1);
        } else if (!published || !relative) year = yearOfMonth(ctx, month, tense);
        else if (relative === 'this') year = published.year;
        // "June of last year"; "last June" is the most recent June before this month.
        else if (relative === 'last') year = published.year - (ofYear || month >= published.month ? 1 : 0);
        else year = published.year + (ofYear || month <= published.month ? 1 : 0);
        return monthEntity(ctx, month, year, qualifier);
      },
    });
  }
}

function weekdays(ctx: Context, text: string, out: Found[]): void {
  const published = ctx.publishedAt;
  // Without a publication date a weekday names no day of the calendar.
  if (!published) return;
  for (const m of text.matchAll(WEEKDAY_RE)) {
    const relative = m[1]?.toLowerCase();
    const dayStart = m.index + (m[1] ? m[0].indexOf(m[2] ?? '', m[1].length) : 0);
    if (!relative && NOT_ONE_DAY.has(wordBefore(text, m.index, 8)?.toLowerCase() ?? '')) continue;
    if (DATE_AFTER_WEEKDAY.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue;
    const weekday = WEEKDAYS.indexOf(m[2] ?? '');
    const today = published.getUTCDay();
    let offset: number;
    if (relative === 'next' || relative === 'coming' || relative === 'this')
      offset = (weekday - today + 7) % 7 || (relative === 'this' ? 0 : 7);
    else offset = -((today - weekday + 7) % 7 || (relative === 'last' || relative === 'past' ? 7 : 0));
    const day = new Date(utcDay(published) + offset * DAY_MS);
    const end = dayStart + (m[2]?.length ?? 0);
    out.push({
      start: dayStart,
      end,
      value: () => dateEntity(ctx, day.getUTCMonth() + 1, day.getUTCDate(), day.getUTCFullYear()),
    });
  }
}

function years(ctx: Context, text: string, out: Found[]): void {
  for (const m of text.matchAll(YEAR_RE)) {
    const qualifier = qualifierOf(m[1]);
    const year = Number(m[2]);
    const start = m.index;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 30);
    // "the 1950-53 Korean War": a span of years inside a name; "2019 percent" is no year.
    if (/^\s*[-–]\s*\d/u.test(after) || /^\s*(?:%|percent)/u.test(after)) continue;
    const before = wordBefore(text, m.index, 12)?.toLowerCase() ?? '';
    let isYear = qualifier !== null || YEAR_CUES.has(before) || text.slice(Math.max(0, m.index - 4), m.index).toLowerCase() === 'mid-';
    if (!isYear && ['and', 'or', 'to', 'through'].includes(before))
      isYear = JOINED_YEAR.test(text.slice(Math.max(0, m.index - 20), m.index));
    // "a 2020 law", "the 2018 summit" (but not "the 2000 soldiers", a count).
    if (!isYear && ['a', 'an', 'the', 'its', 'his', 'her', 'their'].includes(before)) isYear = /^\s+[a-z]+(?<!s)(?![\p{L}])/u.test(after);
    if (!isYear) continue;
    out.push({
      start,
      end,
      value: () => {
        ctx.lastYear = year;
        return yearEntity(ctx, year, qualifier);
      },
    });
  }
}

export function dateCandidates(ctx: Context, text: string): Candidate[] {
  const found: Found[] = [];
  days(ctx, text, found);
  months(ctx, text, found);
  weekdays(ctx, text, found);
  years(ctx, text, found);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const f of found) {
    const entity = f.value();
    if (entity) out.push(ruleCandidate(f.start, f.end, entity, 3));
  }
  return out;
}
