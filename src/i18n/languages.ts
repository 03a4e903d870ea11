/** The languages the service serves. `en` is the original language of every article so far. */
export const LANGUAGES = ['en', 'ko', 'zh-Hans', 'zh-Hant'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
/** The languages translators write: every one but the source language. */
export const TARGET_LANGUAGES: Language[] = LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE);

export const LANGUAGE_INFO: Record<Language, { nativeName: string; englishName: string; timeZone: string }> = {
  en: { nativeName: 'English', englishName: 'English', timeZone: 'UTC' },
  ko: { nativeName: '한국어', englishName: 'Korean', timeZone: 'Asia/Seoul' },
  'zh-Hans': { nativeName: '简体中文', englishName: 'Chinese (Simplified)', timeZone: 'Asia/Shanghai' },
  'zh-Hant': { nativeName: '繁體中文', englishName: 'Chinese (Traditional)', timeZone: 'Asia/Taipei' },
};

/** Where a language's missing strings come from, in order, ending with the original. */
export const FALLBACKS: Record<Language, Language[]> = {
  en: [],
  ko: ['en'],
  'zh-Hans': ['en'],
  'zh-Hant': ['zh-Hans', 'en'],
};

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** A well-formed BCP 47 tag, in the shape RFC 5646 allows (checked before anything else sees it). */
const TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,6}$/;
const TRADITIONAL_REGIONS = new Set(['TW', 'HK', 'MO']);

/** Tags already matched: every field and every request asks again, and Intl's parsing is not cheap. */
const matched = new Map<string, Language | null>();
const MATCHED_MAX = 1000;

/**
 * Maps a language tag to a supported language, or null. Case-insensitive; ko-KR → ko;
 * zh, zh-CN, zh-SG, zh-Hans-CN → zh-Hans; zh-TW, zh-HK, zh-MO, zh-Hant-TW → zh-Hant.
 */
export function matchLanguage(tag: string): Language | null {
  let language = matched.get(tag);
  if (language === undefined) {
    language = matchUncached(tag);
    // Tags come from requests: the memory is bounded, and a flood of new ones only empties it.
    if (matched.size >= MATCHED_MAX) matched.clear();
    matched.set(tag, language);
  }
  return language;
}

function matchUncached(tag: string): Language | null {
  if (tag.length > 64 || !TAG.test(tag)) return null;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return null;
  }
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(canonical);
  } catch {
    return null;
  }
  switch (locale.language) {
    case 'en':
      return 'en';
    case 'ko':
      return 'ko';
    case 'zh': {
      if (locale.script === 'Hant') return 'zh-Hant';
      if (locale.script === 'Hans') return 'zh-Hans';
      return locale.region && TRADITIONAL_REGIONS.has(locale.region) ? 'zh-Hant' : 'zh-Hans';
    }
    default:
      return null;
  }
}

export interface Negotiation {
  /** The language chosen. */
  language: Language;
  /** The header as received, when it was usable (absent when missing or refused). */
  header: string | null;
  /** Why the default was used, when it was. */
  reason: 'matched' | 'no-header' | 'no-match' | 'malformed';
}

const MAX_HEADER = 512;

/**
 * Chooses a language from an Accept-Language header: by q-value, then order; unknown tags are
 * skipped; `*` means the default. A malformed or oversized header falls back to the default.
 */
export function negotiate(header: string | null | undefined): Negotiation {
  if (header === null || header === undefined) return NO_HEADER;
  let negotiation = negotiated.get(header);
  if (!negotiation) {
    negotiation = Object.freeze(negotiateUncached(header));
    if (negotiated.size >= MATCHED_MAX) negotiated.clear();
    negotiated.set(header, negotiation);
  }
  return negotiation;
}

const NO_HEADER: Negotiation = Object.freeze({ language: DEFAULT_LANGUAGE, header: null, reason: 'no-header' });
/** Headers already negotiated (clients send the same few over and over), each answer frozen and shared. */
const negotiated = new Map<string, Negotiation>();

function negotiateUncached(header: string | null | undefined): Negotiation {
  if (header === null || header === undefined || header.trim() === '')
    return { language: DEFAULT_LANGUAGE, header: null, reason: 'no-header' };
  // Printable ASCII only: no CR, LF, NUL or other control characters.
  if (header.length > MAX_HEADER || !/^[\x20-\x7e]*$/.test(header))
    return { language: DEFAULT_LANGUAGE, header: null, reason: 'malformed' };
  const ranges: Array<{ tag: string; q: number; index: number }> = [];
  for (const [index, part] of header.split(',').entries()) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = (rawTag ?? '').trim();
    if (tag === '') continue;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(param);
      if (!m) {
        q = -1;
        break;
      }
      q = Number(m[1]);
    }
    if (q <= 0) continue;
    ranges.push({ tag, q, index });
  }
  ranges.sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) {
    if (range.tag === '*') return { language: DEFAULT_LANGUAGE, header, reason: 'matched' };
    const language = matchLanguage(range.tag);
    if (language) return { language, header, reason: 'matched' };
  }
  return { language: DEFAULT_LANGUAGE, header, reason: ranges.length ? 'no-match' : 'malformed' };
}
