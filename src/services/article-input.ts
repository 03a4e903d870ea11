// An article given as text plus metadata fields (the GraphQL mutation, the web page), turned into
// the text the ingester reads: the fields become front matter, overriding the text's own.
import { IngestError } from '../ingest/errors.js';

export interface ArticleFields {
  slug?: string | null;
  title?: string | null;
  source?: string | null;
  url?: string | null;
  /** ISO 8601; only the date part is used. */
  publishedAt?: Date | null;
  language?: string | null;
}

const FIELD_KEYS: Record<keyof ArticleFields, string> = {
  slug: 'slug',
  title: 'title',
  source: 'source',
  url: 'url',
  publishedAt: 'date',
  language: 'language',
};

function value(name: string, raw: string): string {
  if (/[\r\n\u2028\u2029]/.test(raw)) throw new IngestError('BAD_FRONT_MATTER', `${name} must be one line`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new IngestError('BAD_FRONT_MATTER', `${name} holds control characters`);
  // The front matter reader strips one pair of quotes: wrapping keeps a value's own quotes.
  return `"${raw.trim()}"`;
}

/** The text with the given fields as front matter (a field overrides the same key in the text's own). */
export function articleText(text: string, fields: ArticleFields = {}): string {
  // A file with a NUL byte is refused as binary; the same holds for text sent through the API.
  if (text.includes('\u0000')) throw new IngestError('BINARY', 'the text holds a NUL character, so it is not plain text');
  const given = (Object.keys(FIELD_KEYS) as Array<keyof ArticleFields>).filter((k) => fields[k] !== null && fields[k] !== undefined);
  if (given.length === 0) return text;
  const lines = given.map((k) => {
    const v = fields[k];
    const raw = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return `${FIELD_KEYS[k]}: ${value(k, raw)}`;
  });
  const overridden = new Set(given.map((k) => FIELD_KEYS[k]));
  const all = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const end = all[0]?.trim() === '---' ? all.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  const own = end > 0 ? all.slice(1, end).filter((l) => !overridden.has(/^\s*([A-Za-z]+)\s*:/.exec(l)?.[1]?.toLowerCase() ?? '')) : [];
  const body = end > 0 ? all.slice(end + 1) : all;
  return ['---', ...own, ...lines, '---', ...body].join('\n');
}
