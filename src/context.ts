import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { type Catalog, catalog } from './i18n/catalog.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, matchLanguage, type Negotiation, negotiate } from './i18n/languages.js';

/** Everything about one request: its language, the catalog version it reads, what it served. */
export interface Context {
  request: Request;
  /** The locale files as they were when the request began; a reload never changes them mid-request. */
  catalog: Catalog;
  /** What Accept-Language asked for and what it gave. */
  negotiation: Negotiation;
  /** `lang` arguments of root fields, by response key: they apply to the whole subtree. */
  rootLanguages: Map<string, Language>;
  /** Every `lang` argument seen, as written. */
  requestedArguments: Set<string>;
  /** The languages of the strings actually served. */
  served: Set<Language>;
}

const contexts = new WeakMap<Request, Context>();

export function createContext(request: Request): Context {
  const context: Context = {
    request,
    catalog: catalog(),
    negotiation: negotiate(request.headers.get('accept-language')),
    rootLanguages: new Map(),
    requestedArguments: new Set(),
    served: new Set(),
  };
  contexts.set(request, context);
  return context;
}

export const contextOf = (request: Request) => contexts.get(request);

/** A request-supplied value, made safe to echo in a message: printable, bounded. */
export function echo(value: string): string {
  const clean = value.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** An expected error: a stable code in extensions and a message in the request's language. */
export function localizedError(ctx: Context, code: string, values: Record<string, string>, extensions: Record<string, unknown> = {}) {
  const t = ctx.catalog.t(ctx.negotiation.language);
  const message = t(`errors:${code}`, values) as string;
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Checks a `lang` argument against the supported languages. */
export function parseLanguageArgument(ctx: Context, tag: string): Language {
  ctx.requestedArguments.add(echo(tag));
  const language = matchLanguage(tag);
  if (!language) {
    throw localizedError(ctx, 'UNSUPPORTED_LANGUAGE', { tag: echo(tag), supported: LANGUAGES.join(', ') }, { supported: [...LANGUAGES] });
  }
  return language;
}

function rootKey(info: GraphQLResolveInfo): string {
  let path = info.path;
  while (path.prev) path = path.prev;
  return String(path.key);
}

/** Records a root field's `lang` for its subtree. */
export function setRootLanguage(ctx: Context, info: GraphQLResolveInfo, tag: string | null | undefined): void {
  if (tag !== null && tag !== undefined) ctx.rootLanguages.set(rootKey(info), parseLanguageArgument(ctx, tag));
}

/** The language a field is served in: its own argument, then its root field's, then the header, then the default. */
export function languageFor(ctx: Context, info: GraphQLResolveInfo, tag: string | null | undefined): Language {
  if (tag !== null && tag !== undefined) return parseLanguageArgument(ctx, tag);
  return ctx.rootLanguages.get(rootKey(info)) ?? ctx.negotiation.language ?? DEFAULT_LANGUAGE;
}
