import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { type Caller, callerOf } from './auth.js';
import type { Catalog } from './i18n/catalog.js';
import { catalog } from './i18n/current.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, matchLanguage, type Negotiation, negotiate } from './i18n/languages.js';

/** Everything about one request: its language, the catalog version it reads, what it served. */
export interface Context {
  request: Request;
  /** The locale files as they were when the request began; a reload never changes them mid-request. */
  catalog: Catalog;
  /** What Accept-Language asked for and what it gave. */
  negotiation: Negotiation;
  /** `lang` arguments by response path ("a.paragraphs.3.text"): each applies to its field's whole subtree. */
  scopeLanguages: Map<string, Language>;
  /** Every `lang` argument seen, as written. */
  requestedArguments: Set<string>;
  /** The languages of the strings actually served. */
  served: Set<Language>;
  /** Results several fields of one request share (loaded once per request). */
  shared: Map<string, Promise<unknown>>;
  /** Per loader, what batched() answered this request, by key. */
  batches: Map<string, Map<unknown, Promise<unknown>>>;
  /** Who is asking, by the Authorization header: mutations need the admin. */
  caller: Caller;
  /** False when ADMIN_TOKEN is unset: the write API is off. */
  writeEnabled: boolean;
  /** Largest article text the write API accepts, in bytes (INGEST_MAX_BYTES). */
  ingestMaxBytes: number;
  /**
   * The database's data version when the request began (see src/cache/versions.ts), or null when
   * it is not known (response cache off, or its notifications connection down).
   */
  dataVersion: number | null;
}

export interface ContextOptions {
  /** ADMIN_TOKEN: enables the write API for requests that bear it. */
  adminToken?: string;
  /** INGEST_MAX_BYTES. */
  ingestMaxBytes?: number;
  /** The data version the database has committed, when known (the response cache tracks it). */
  dataVersion?: () => number | null;
}

const contexts = new WeakMap<Request, Context>();

export function createContext(request: Request, options: ContextOptions = {}): Context {
  const context: Context = {
    request,
    catalog: catalog(),
    negotiation: negotiate(request.headers.get('accept-language')),
    scopeLanguages: new Map(),
    requestedArguments: new Set(),
    served: new Set(),
    shared: new Map(),
    batches: new Map(),
    caller: callerOf(request.headers.get('authorization'), options.adminToken),
    writeEnabled: !!options.adminToken,
    ingestMaxBytes: options.ingestMaxBytes ?? 1024 * 1024,
    dataVersion: options.dataVersion?.() ?? null,
  };
  contexts.set(request, context);
  return context;
}

export const contextOf = (request: Request) => contexts.get(request);

/** A request-supplied value, made safe to echo in a message: printable, bounded. */
export function echo(value: string, max = 40): string {
  const clean = value.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
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

/** The response path of a field and of each of its ancestors, from the root down. */
function pathPrefixes(info: GraphQLResolveInfo): string[] {
  const keys: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) keys.push(p.key);
  keys.reverse();
  const prefixes: string[] = [];
  let current = '';
  for (const key of keys) {
    current = current ? `${current}.${key}` : String(key);
    prefixes.push(current);
  }
  return prefixes;
}

/** Records a root field's `lang` for its subtree. */
export function setRootLanguage(ctx: Context, info: GraphQLResolveInfo, tag: string | null | undefined): void {
  if (tag !== null && tag !== undefined) ctx.scopeLanguages.set(pathPrefixes(info).at(-1) ?? '', parseLanguageArgument(ctx, tag));
}

/**
 * The language a field is served in: its own `lang` argument (which then covers everything under
 * it), else the nearest enclosing field's, else the request's Accept-Language, else the default.
 */
export function languageFor(ctx: Context, info: GraphQLResolveInfo, tag: string | null | undefined): Language {
  const prefixes = ctx.scopeLanguages.size || (tag !== null && tag !== undefined) ? pathPrefixes(info) : [];
  if (tag !== null && tag !== undefined) {
    const language = parseLanguageArgument(ctx, tag);
    ctx.scopeLanguages.set(prefixes.at(-1) ?? '', language);
    return language;
  }
  for (let i = prefixes.length - 2; i >= 0; i--) {
    const language = ctx.scopeLanguages.get(prefixes[i] ?? '');
    if (language) return language;
  }
  return ctx.negotiation.language ?? DEFAULT_LANGUAGE;
}

/** The answers a request has had from one loader, by key: each key is asked for once per request. */
type Answers = Map<unknown, Promise<unknown>>;

/** The keys gathered for the next call of each loader, by loader name: one per process, shared by the requests of a tick. */
const pending = new Map<string, { keys: Set<unknown>; result: Promise<Map<unknown, unknown>> }>();

/**
 * Loads something by key, once per key per request. Every key asked for until the current tick's
 * work is done goes to one call of `load` (one statement for a whole list of rows, however long),
 * together with the keys other requests asked for in the same tick, as Prisma batches findUnique:
 * rows read by key are the same for every request that asks for them at that moment.
 */
export function batched<K, V>(ctx: Context, name: string, key: K, load: (keys: K[]) => Promise<Map<K, V>>): Promise<V | undefined> {
  let answers = ctx.batches.get(name) as Answers | undefined;
  if (!answers) {
    answers = new Map();
    ctx.batches.set(name, answers);
  }
  let answer = answers.get(key) as Promise<V | undefined> | undefined;
  if (answer) return answer;
  let batch = pending.get(name);
  if (!batch) {
    const keys = new Set<unknown>();
    // The siblings of a list resolve in the same tick: they all join this load before it runs.
    const result = new Promise<Map<unknown, unknown>>((resolve, reject) =>
      process.nextTick(() => {
        pending.delete(name);
        try {
          (load([...keys] as K[]) as Promise<Map<unknown, unknown>>).then(resolve, reject);
        } catch (err) {
          reject(err);
        }
      }),
    );
    batch = { keys, result };
    pending.set(name, batch);
  }
  batch.keys.add(key);
  answer = batch.result.then((values) => values.get(key) as V | undefined);
  answers.set(key, answer);
  return answer;
}

/** What batched() found, or an error for a row a foreign key points at but that is gone (deleted meanwhile). */
export const found = <T>(what: string, id: unknown, value: T | undefined): T => {
  if (value === undefined) throw new Error(`${what} ${String(id)} not found`);
  return value;
};

/** Loads something once per request, however many fields ask for it. */
export function once<T>(ctx: Context, key: string, load: () => Promise<T>): Promise<T> {
  let value = ctx.shared.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    ctx.shared.set(key, value);
  }
  return value;
}
