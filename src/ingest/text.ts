import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import { sha256 } from '../lib/files.js';
import { IngestError } from './errors.js';
import { loadedNlp, type Nlp } from './nlp.js';

export type { ParagraphKind } from '../generated/prisma/enums.js';

import type { ParagraphKind } from '../generated/prisma/enums.js';

export interface ParsedParagraph {
  position: number;
  kind: ParagraphKind;
  text: string;
  textHash: string;
}

export interface FrontMatter {
  title?: string;
  slug?: string;
  source?: string;
  url?: string;
  date?: Date;
  language?: string;
}

export interface ParsedArticle {
  slug: string;
  title: string;
  /** How the title was chosen: given in front matter, taken from a first heading line, or derived. */
  titleOrigin: 'front-matter' | 'first-line' | 'derived';
  source: string;
  sourceUrl: string | null;
  publishedAt: Date | null;
  language: string;
  paragraphs: ParsedParagraph[];
  contentHash: string;
}

const FRONT_MATTER_KEYS = new Set(['title', 'slug', 'source', 'url', 'date', 'language']);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DEFAULT_SOURCE = 'Unknown';
/** Source languages the extractor understands. */
export const SOURCE_LANGUAGES = ['en'];

export { sha256 };

/**
 * Decodes file bytes as UTF-8 text, refusing binary data and invalid UTF-8 with a clear reason.
 * A byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new IngestError('EMPTY', 'the file is empty');
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) throw new IngestError('BINARY', 'the file holds binary data (a NUL byte), not text');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (controls > sample.length * 0.05) {
    throw new IngestError('BINARY', 'the file holds binary data (many control characters), not text');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new IngestError('INVALID_UTF8', `the file is not valid UTF-8 (first bad byte at offset ${at})`);
  }
  return text;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range forms.
    const b1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += need + 1;
  }
  return i;
}

/** The first line of a YAML error message, without the excerpt yaml appends. */
const yamlMessage = (message: string) => (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');

/**
 * Splits optional `---` front matter from the body. The front matter is YAML (1.2 core schema:
 * quotes and escapes mean what they mean in YAML), restricted to one mapping of known keys to
 * single values; a problem is BAD_FRONT_MATTER with the file's line number.
 */
export function splitFrontMatter(text: string): { meta: FrontMatter; body: string } {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') return { meta: {}, body: text };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new IngestError('BAD_FRONT_MATTER', 'front matter starts with --- on line 1 but is never closed');
  const meta: FrontMatter = {};
  const lineCounter = new LineCounter();
  // Line 1 is the opening ---, so YAML line n is the file's line n + 1.
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  const doc = parseDocument(lines.slice(1, end).join('\n'), {
    lineCounter,
    schema: 'core',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const error = doc.errors[0];
  if (error) {
    const hint = /mapping|implicit key/i.test(error.message) ? ' (put a value that contains ": " in quotes)' : '';
    throw new IngestError('BAD_FRONT_MATTER', `front matter line ${fileLine(error.pos[0])}: ${yamlMessage(error.message)}${hint}`);
  }
  if (doc.contents === null) return { meta, body: lines.slice(end + 1).join('\n') };
  if (!isMap(doc.contents)) {
    throw new IngestError('BAD_FRONT_MATTER', `front matter line ${fileLine(doc.contents.range?.[0] ?? 0)} is not "key: value"`);
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const line = isNode(keyNode) ? fileLine(keyNode.range?.[0] ?? 0) : 2;
    const key = String(isScalar(keyNode) ? keyNode.value : keyNode).toLowerCase();
    if (!FRONT_MATTER_KEYS.has(key)) {
      throw new IngestError(
        'BAD_FRONT_MATTER',
        `front matter line ${line}: unknown key "${key}" (known: ${[...FRONT_MATTER_KEYS].join(', ')})`,
      );
    }
    const valueNode = pair.value;
    if (valueNode === null || (isScalar(valueNode) && valueNode.value === null)) continue;
    if (!isScalar(valueNode) || !['string', 'number', 'boolean'].includes(typeof valueNode.value)) {
      throw new IngestError('BAD_FRONT_MATTER', `front matter line ${line}: "${key}" must be one value, not a list or a mapping`);
    }
    const value = String(valueNode.value).trim();
    if (value === '') continue;
    applyFrontMatter(meta, key, value, line);
  }
  return { meta, body: lines.slice(end + 1).join('\n') };
}

function applyFrontMatter(meta: FrontMatter, key: string, value: string, line: number) {
  const bad = (why: string) => new IngestError('BAD_FRONT_MATTER', `front matter line ${line}: ${why}`);
  switch (key) {
    case 'slug':
      if (!SLUG.test(value) || value.length > 120) throw bad(`slug "${value}" must be lowercase letters, digits and single hyphens`);
      meta.slug = value;
      break;
    case 'url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw bad(`url "${value}" is not a URL`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('url must be http or https');
      meta.url = url.toString();
      break;
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
        throw bad(`date "${value}" must be an ISO 8601 date such as 2025-09-16 or 2025-09-16T08:00:00+09:00`);
      }
      const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
      if (Number.isNaN(date.getTime()) || (/^\d{4}-\d{2}-\d{2}$/.test(value) && date.toISOString().slice(0, 10) !== value)) {
        throw bad(`date "${value}" is not a real date`);
      }
      meta.date = date;
      break;
    }
    case 'language': {
      let tag: string;
      try {
        tag = Intl.getCanonicalLocales(value)[0] ?? '';
      } catch {
        throw bad(`language "${value}" is not a BCP 47 language tag`);
      }
      const base = tag.split('-')[0] ?? '';
      if (!SOURCE_LANGUAGES.includes(base)) {
        throw new IngestError(
          'UNSUPPORTED_LANGUAGE',
          `front matter line ${line}: articles in "${tag}" cannot be ingested yet; source languages: ${SOURCE_LANGUAGES.join(', ')}`,
        );
      }
      meta.language = tag;
      break;
    }
    case 'title':
      meta.title = value;
      break;
    case 'source':
      meta.source = value;
      break;
  }
}

const SENTENCE_END = /[.!?…:;。！？"”’)\]]$/u;

/** A short line with no sentence-final punctuation reads as a subheading. */
export function looksLikeHeading(line: string): boolean {
  if (line.length > 90) return false;
  const words = line.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.length <= 12 && !SENTENCE_END.test(line) && /^[\p{Lu}\p{N}"“‘']/u.test(line);
}

/**
 * Splits a body into paragraphs: one per non-blank line. Accepts CRLF, CR, LF and Unicode line
 * separators; trims stray whitespace at either end of a line but keeps its text exactly.
 */
export function splitParagraphs(body: string): Array<{ kind: ParagraphKind; text: string }> {
  return (
    body
      .split(/\r\n|\r|\n|\u2028|\u2029/)
      // trim() removes exactly what \s matches, U+FEFF included, in linear time (a regex for
      // trailing whitespace retries at each position of a long run of spaces).
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((text) => ({ kind: looksLikeHeading(text) ? 'HEADING' : 'BODY', text }))
  );
}

export function slugify(text: string, max = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

const HEADLINE_MAX = 90;
/** The most of a lede a headline is derived from. */
const HEADLINE_SOURCE_MAX = 2000;

/**
 * The longest paragraph (one line of the file) accepted, in characters. A news paragraph is a few
 * hundred; a longer line is most often a text that lost its line breaks, and the NLP libraries
 * take seconds per 100 KB, so it is refused (PARAGRAPH_TOO_LONG) before any extraction.
 */
export const MAX_PARAGRAPH_CHARS = 20_000;

/**
 * Derives a headline from the lede as a news editor would: its first sentence, in the present
 * tense ("has sent" → "sends"), with "following" shortened to "after", no final period, and
 * cut at a clause boundary when long. compromise finds and conjugates the verb: by default the
 * one loadNlp() loaded (an error if it has not run).
 */
export function deriveHeadline(lede: string, nlp: Nlp['compromise'] = loadedNlp().compromise): string {
  // A headline is cut to HEADLINE_MAX anyway: compromise never sees more than a long sentence.
  const source = lede.length > HEADLINE_SOURCE_MAX ? lede.slice(0, HEADLINE_SOURCE_MAX) : lede;
  const first = (source.match(/^.+?[.!?](?=\s+[“"‘']?\p{Lu}|\s*$)/u)?.[0] ?? source).trim();
  let headline = first.replace(/[.!?]+$/u, '');
  const auxiliary = /\b(has|have)\b/.exec(headline)?.[1];
  const participle = nlp(headline).match('(has|have) #Adverb? [#Verb]', 0).text();
  if (auxiliary && participle) {
    const forms = nlp(participle).verbs().conjugate()[0] as Record<string, string> | undefined;
    const replacement = auxiliary === 'has' ? forms?.PresentTense : forms?.Infinitive;
    if (replacement) {
      headline = headline.replace(new RegExp(`\\b${auxiliary}\\s+((?:\\w+ly\\s+)?)${participle}\\b`), `$1${replacement}`);
    }
  }
  headline = headline.replace(/\bfollowing\b/, 'after').replace(/\bin order to\b/, 'to');
  if (headline.length > HEADLINE_MAX) {
    // The last clause or phrase boundary that still leaves a headline of substance.
    const window = headline.slice(0, HEADLINE_MAX + 1);
    let cut = -1;
    for (const m of window.matchAll(/,\s|\s(?:after|as|while|because|which|who|that|with|to|by|for|in|on|amid)\s/g)) {
      if (m.index > 40) cut = m.index;
    }
    headline = headline.slice(0, cut > 0 ? cut : window.lastIndexOf(' '));
  }
  return headline.replace(/[,;:\s]+$/u, '');
}

export interface ParseOptions {
  /** Used for the slug when the front matter gives none. */
  fileName?: string;
  /** For deriving a headline when there is no title; by default the libraries loadNlp() loaded. */
  nlp?: Nlp;
}

/** Turns decoded text into an article ready to store. Throws IngestError on unusable input. */
export function parseArticle(text: string, options: ParseOptions = {}): ParsedArticle {
  const { meta, body } = splitFrontMatter(text.replace(/^\uFEFF/, ''));
  const lines = splitParagraphs(body);
  if (lines.length === 0) throw new IngestError('EMPTY', 'the file has no text (only whitespace or front matter)');
  const long = lines.findIndex((l) => l.text.length > MAX_PARAGRAPH_CHARS);
  if (long >= 0) {
    const n = (lines[long]?.text.length ?? 0).toLocaleString('en-US');
    throw new IngestError(
      'PARAGRAPH_TOO_LONG',
      `paragraph ${long + 1} is ${n} characters long, over the limit of ${MAX_PARAGRAPH_CHARS.toLocaleString('en-US')}; a file holds one paragraph per line (are its line breaks missing?)`,
    );
  }

  let title = meta.title;
  let titleOrigin: ParsedArticle['titleOrigin'] = 'front-matter';
  if (!title) {
    if (lines.length > 1 && lines[0]?.kind === 'HEADING') {
      title = lines.shift()?.text ?? '';
      titleOrigin = 'first-line';
    } else {
      const lede = lines.find((l) => l.kind === 'BODY') ?? lines[0];
      title = deriveHeadline(lede?.text ?? '', (options.nlp ?? loadedNlp()).compromise);
      titleOrigin = 'derived';
    }
  }
  if (!title) throw new IngestError('EMPTY', 'no title could be found or derived');

  const slug = meta.slug ?? (options.fileName ? slugify(options.fileName.replace(/\.[^.]+$/, '')) : '') ?? '';
  const finalSlug = slug || slugify(title);
  if (!finalSlug) throw new IngestError('BAD_FRONT_MATTER', 'no slug could be made; give one in the front matter');

  const paragraphs = lines.map((l, position) => ({ position, kind: l.kind, text: l.text, textHash: sha256(l.text) }));
  const article = {
    slug: finalSlug,
    title,
    titleOrigin,
    source: meta.source ?? DEFAULT_SOURCE,
    sourceUrl: meta.url ?? null,
    publishedAt: meta.date ?? null,
    language: meta.language ?? 'en',
    paragraphs,
  };
  const contentHash = sha256(
    JSON.stringify([
      article.title,
      article.titleOrigin,
      article.source,
      article.sourceUrl,
      article.publishedAt?.toISOString() ?? null,
      article.language,
      paragraphs.map((p) => [p.kind, p.textHash]),
    ]),
  );
  return { ...article, contentHash };
}
