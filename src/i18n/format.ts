// Dates and ratios as the service writes them, in one place for serving and for checks.
import type { Language } from './languages.js';

// Building an Intl.DateTimeFormat costs far more than using one: keep one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${options.year ?? ''}|${options.month ?? ''}|${options.day ?? ''}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, options);
    formatters.set(key, f);
  }
  return f;
}

const DATE_VALUE = /^(\d{4}|-)-(\d{2})-(\d{2})$/;

/** A date value ("2025-09-10" or "--09-10") in a language's own style. */
export function formatDate(value: string, language: Language): string | null {
  const m = DATE_VALUE.exec(value);
  if (!m) return null;
  const year = m[1] === '-' ? 2000 : Number(m[1]);
  const date = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3])));
  const options: Intl.DateTimeFormatOptions = { month: 'long', day: 'numeric', timeZone: 'UTC' };
  if (m[1] !== '-') options.year = 'numeric';
  return formatter(language, options).format(date);
}

/** The day of a date value alone, as written after its month ("12일", "12日"). */
export function formatDay(value: string, language: Language): string | null {
  const m = DATE_VALUE.exec(value);
  if (!m) return null;
  return formatter(language, { day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]))));
}

/** done / total to four decimals; 1 when there is nothing to do. */
export const ratio = (done: number, total: number) => (total === 0 ? 1 : Math.round((done / total) * 10000) / 10000);
