// The status page's export links: /status/export/<lang>/<format> answers the file `npm run
// i18n:export -- --lang <lang> --format <format>` writes (every unit of the language, from the
// catalog now served), as a download. Read-only, like the status itself.
import type http from 'node:http';
import { database } from '../db/current.js';
import { catalog } from '../i18n/current.js';
import { FORMATS, type Format } from '../i18n/exchange.js';
import { type Language, TARGET_LANGUAGES } from '../i18n/languages.js';
import { exportTranslations } from '../services/translations.js';

export const EXPORT_PREFIX = '/status/export/';

const FILES: Record<Format, { extension: string; type: string }> = {
  xliff: { extension: 'xlf', type: 'application/xliff+xml; charset=utf-8' },
  xliff12: { extension: 'xliff12.xlf', type: 'application/xliff+xml; charset=utf-8' },
  po: { extension: 'po', type: 'text/x-gettext-translation; charset=utf-8' },
};

/** The language and format a path names, or null. */
export function exportTarget(urlPath: string): { language: Language; format: Format } | null {
  const [language, format, ...rest] = urlPath.slice(EXPORT_PREFIX.length).split('/');
  if (rest.length || !language || !format) return null;
  if (!(TARGET_LANGUAGES as string[]).includes(language) || !(FORMATS as readonly string[]).includes(format)) return null;
  return { language: language as Language, format: format as Format };
}

/** Writes the export, or answers false when the path names none (the caller says 404). */
export async function sendExport(res: http.ServerResponse, urlPath: string, headers: Record<string, string>): Promise<boolean> {
  const target = exportTarget(urlPath);
  if (!target) return false;
  let db: ReturnType<typeof database>;
  try {
    db = database();
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', 'cache-control': 'no-store', ...headers });
    res.end('Starting; try again shortly.\n');
    return true;
  }
  const { text } = await exportTranslations(db, catalog(), target);
  const body = Buffer.from(text);
  const file = FILES[target.format];
  res.writeHead(200, {
    'content-type': file.type,
    'content-length': String(body.length),
    'content-disposition': `attachment; filename="polyglot-desk-${target.language}.${file.extension}"`,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
  return true;
}
