import * as gettext from 'gettext-parser';
import js2xliff from 'xliff/js2xliff';
import jsToXliff12 from 'xliff/jsToXliff12';
import xliff2js from 'xliff/xliff2js';
import xliff12ToJs from 'xliff/xliff12ToJs';
// The files translators exchange with CAT tools: XLIFF 2.0, XLIFF 1.2 and PO, written from units
// and read back into entries.
import type { Catalog } from './catalog.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language, TARGET_LANGUAGES } from './languages.js';
import type { Resource } from './locale-file.js';
import type { Unit } from './units.js';

export const FORMATS = ['xliff', 'xliff12', 'po'] as const;
export type Format = (typeof FORMATS)[number];
export const isFormat = (value: string): value is Format => (FORMATS as readonly string[]).includes(value);
export interface XliffJs {
  sourceLanguage: string;
  targetLanguage?: string;
  resources: Record<string, Record<string, { source: string; target?: string; note?: string }>>;
}

export interface ExchangeEntry {
  namespace: string;
  key: string;
  target: string;
}

export class ExchangeError extends Error {
  override name = 'ExchangeError';
}

/** The string a language's translator wrote for a key (zh-Hant: only its own overrides). */
export function writtenValue(catalog: Catalog, language: Language, namespace: string, key: string): string | undefined {
  let node: unknown = catalog.files.get(language)?.get(namespace);
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

export async function exportUnits(units: Unit[], catalog: Catalog, language: Language, format: Format): Promise<string> {
  if (format === 'po') {
    const translations: Record<string, Record<string, gettext.GetTextTranslation>> = {};
    for (const u of units) {
      const msgctxt = `${u.namespace}:${u.key}`;
      translations[msgctxt] = {
        [u.source]: {
          msgctxt,
          msgid: u.source,
          msgstr: [writtenValue(catalog, language, u.namespace, u.key) ?? ''],
          // A stale translation goes out fuzzy: a CAT tool shows it for review, and import skips it until the flag is cleared.
          comments: {
            extracted: u.note,
            reference: msgctxt,
            translator: '',
            flag: catalog.isStale(language, u.namespace, u.key, u.sourceHash) ? 'fuzzy' : '',
            previous: '',
          },
        },
      };
    }
    const headers = {
      'Project-Id-Version': 'polyglot-desk',
      Language: language,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'Plural-Forms': language === 'en' ? 'nplurals=2; plural=(n != 1);' : 'nplurals=1; plural=0;',
    };
    return gettext.po.compile({ charset: 'utf-8', headers, translations }, { foldLength: 0 }).toString('utf8');
  }
  const js: XliffJs = { sourceLanguage: DEFAULT_LANGUAGE, targetLanguage: language, resources: {} };
  for (const u of units) {
    const file = js.resources[u.namespace] ?? {};
    js.resources[u.namespace] = file;
    file[u.key] = { source: u.source, target: writtenValue(catalog, language, u.namespace, u.key) ?? '', note: u.note };
  }
  return format === 'xliff' ? js2xliff(js) : jsToXliff12(js);
}

/** Reads an XLIFF (2.0 or 1.2) or PO file into its language and entries (untranslated ones left out). */
export async function parseExchange(text: string): Promise<{ language: Language; format: Format; entries: ExchangeEntry[] }> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    const version = /<xliff[^>]*\bversion="([^"]+)"/.exec(trimmed)?.[1];
    if (!version) throw new ExchangeError('not an XLIFF file: no <xliff version="…">');
    // The XML parser underneath is lenient: a file cut short would import part of itself.
    if (!/<\/xliff>\s*$/.test(trimmed)) throw new ExchangeError('invalid XLIFF: the file ends before </xliff> (saved half-way?)');
    let js: XliffJs;
    try {
      js = version.startsWith('1.') ? await xliff12ToJs(trimmed) : await xliff2js(trimmed);
    } catch (err) {
      throw new ExchangeError(`invalid XLIFF: ${(err as Error).message}`);
    }
    const language = js.targetLanguage ?? '';
    if (!isLanguage(language) || language === DEFAULT_LANGUAGE)
      throw new ExchangeError(`the file's target language "${language}" is not one translators write (${TARGET_LANGUAGES.join(', ')})`);
    const entries: ExchangeEntry[] = [];
    for (const [namespace, units] of Object.entries(js.resources ?? {})) {
      for (const [key, unit] of Object.entries(units ?? {})) {
        const target = unit && typeof unit.target === 'string' ? unit.target : '';
        if (target !== '') entries.push({ namespace, key, target });
      }
    }
    return { language, format: version.startsWith('1.') ? 'xliff12' : 'xliff', entries };
  }
  let po: gettext.GetTextTranslations;
  try {
    po = gettext.po.parse(text, { defaultCharset: 'utf-8' });
  } catch (err) {
    throw new ExchangeError(`invalid PO: ${(err as Error).message}`);
  }
  const language = po.headers?.Language ?? po.headers?.language ?? '';
  if (!isLanguage(language) || language === DEFAULT_LANGUAGE)
    throw new ExchangeError(`the PO header's Language "${language}" is not one translators write (${TARGET_LANGUAGES.join(', ')})`);
  const entries: ExchangeEntry[] = [];
  for (const [context, messages] of Object.entries(po.translations)) {
    if (context === '') continue;
    const split = context.lastIndexOf(':');
    if (split < 1) throw new ExchangeError(`PO entry with msgctxt "${context.slice(0, 60)}" is not "namespace:key"`);
    for (const message of Object.values(messages as Record<string, gettext.GetTextTranslation>)) {
      const fuzzy = /\bfuzzy\b/.test(message.comments?.flag ?? '');
      const target = message.msgstr?.[0] ?? '';
      if (target !== '' && !fuzzy) entries.push({ namespace: context.slice(0, split), key: context.slice(split + 1), target });
    }
  }
  return { language, format: 'po', entries };
}

/** A copy of a locale file with one dotted key set (objects on the way copied, not shared). */
export function setPath(data: Resource, key: string, value: string | string[]): Resource {
  const parts = key.split('.');
  const out: Resource = { ...data };
  let node: Resource = out;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    const copy: Resource = next && typeof next === 'object' && !Array.isArray(next) ? { ...next } : {};
    node[part] = copy;
    node = copy;
  }
  node[parts[parts.length - 1] ?? key] = value;
  return out;
}
