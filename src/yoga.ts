import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import {
  type ASTVisitor,
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { type ResponseCache, responseCachePlugin } from './cache/response-cache.js';
import { type Context, type ContextOptions, contextOf, createContext, localizedError } from './context.js';
import { isUnavailable } from './db/errors.js';
import { catalog } from './i18n/current.js';
import { DEFAULT_LANGUAGE, LANGUAGES, negotiate } from './i18n/languages.js';
import type { Logger } from './lib/log.js';
import type { Metrics } from './metrics.js';
import { schema } from './schema/index.js';

export const EXAMPLE_QUERY = `# polyglot-desk: news articles and the entities they mention, in English, Korean and Chinese.
# The Headers tab below asks for Korean (Accept-Language: ko). Change it, or pass lang: "zh-Hant"
# to a field. Press the run button (or Ctrl-Enter).
query SeedArticle {
  article(slug: "nk-workers-china-seafood-plants") {
    title
    availableLanguages
    paragraphs {
      position
      kind
      language
      provenance
      original: text(lang: "en")
      text
      mentions { start end text located entity { key kind kindLabel name } }
    }
    entities(kind: PLACE) { key name aliases }
  }
  languages { code nativeName name coverage }
}
`;

/**
 * Limits on what one operation may ask for; above them the operation is refused before it runs.
 * `lists`: how many lists of objects may be nested in one another (article → paragraphs → mentions
 * is 2); each level multiplies the rows one statement builds.
 */
export const LIMITS = { depth: 12, aliases: 30, cost: 20_000, tokens: 3_000, lists: 3 };

/** The deepest nesting of lists of objects in a selection set, through fragments. */
function listDepth(context: ValidationContext, set: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: Set<string>): number {
  let deepest = 0;
  for (const selection of set.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (!field || !selection.selectionSet) continue;
      const type = isNonNullType(field.type) ? field.type.ofType : field.type;
      const named = getNamedType(field.type);
      depth = (isListType(type) && isCompositeType(named) ? 1 : 0) + listDepth(context, selection.selectionSet, named, seen);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
      depth = listDepth(context, selection.selectionSet, type ?? undefined, seen);
    } else {
      const name = selection.name.value;
      const fragment = context.getFragment(name);
      if (!fragment || seen.has(name)) continue;
      const type = context.getSchema().getType(fragment.typeCondition.name.value);
      depth = listDepth(context, fragment.selectionSet, type ?? undefined, new Set([...seen, name]));
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Refuses an operation whose lists of objects nest deeper than LIMITS.lists (a neutral error, localized per request). */
const listDepthRule = (context: ValidationContext): ASTVisitor => ({
  OperationDefinition(node) {
    const root = context.getSchema().getRootType(node.operation);
    const depth = listDepth(context, node.selectionSet, root ?? undefined, new Set());
    if (depth > LIMITS.lists) {
      const detail = `lists nested ${depth} deep, at most ${LIMITS.lists}`;
      context.reportError(new GraphQLError(detail, { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX', limits: LIMITS, detail } }));
    }
  },
});

const listDepthPlugin: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(listDepthRule);
  },
};

const ARMOR_MESSAGE = /^Syntax Error: (.*)$/;

// The limit plugins throw out of validation by default, which turns a refused query into a 200;
// reported as validation errors instead, they give a 400 and pass through languagePlugin below.
const reportAsValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/** A limit error, language-neutral: validation results are cached by query text, so they must not carry a language. */
function limitError(error: GraphQLError): GraphQLError {
  const m = ARMOR_MESSAGE.exec(error.message);
  if (!m || !/limit|exceeded/i.test(error.message)) return error;
  return new GraphQLError(m[1] ?? error.message, {
    nodes: error.nodes,
    extensions: { code: 'QUERY_TOO_COMPLEX', limits: LIMITS, detail: m[1] },
  });
}

/** Errors made without a request at hand (validation is cached by query text; masking has no request), localized here. */
const NEUTRAL_CODES = new Set(['QUERY_TOO_COMPLEX', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

/** Each such error in a result, in the request's language (new objects: the cached ones stay neutral). */
function localizeNeutralErrors(result: ExecutionResult, request: Request): ExecutionResult {
  const errors = result.errors;
  if (!errors?.some((e) => NEUTRAL_CODES.has(String(e.extensions?.code)) || TOKEN_LIMIT.test(e.message))) return result;
  const t = catalog().t(negotiate(request.headers.get('accept-language')).language);
  return {
    ...result,
    errors: errors.map((error) => {
      const token = TOKEN_LIMIT.exec(error.message);
      const code = token ? 'QUERY_TOO_COMPLEX' : String(error.extensions?.code);
      if (!NEUTRAL_CODES.has(code)) return error;
      if (code !== 'QUERY_TOO_COMPLEX') {
        return new GraphQLError(t(`errors:${code}`) as string, { nodes: error.nodes, path: error.path, extensions: error.extensions });
      }
      const detail = String(error.extensions?.detail ?? token?.[1] ?? error.message);
      return new GraphQLError(t('errors:QUERY_TOO_COMPLEX', { detail }) as string, {
        nodes: error.nodes,
        // Always a 400 with the stable code, whatever the client accepts; `detail` was only for this step.
        extensions: { ...error.extensions, code: 'QUERY_TOO_COMPLEX', limits: LIMITS, detail: undefined, http: { status: 400 } },
      });
    }),
  };
}

/** maxTokensPlugin fails the parse, so its error arrives as a syntax error. */
const TOKEN_LIMIT = /^Syntax Error: (Token limit of \d+ exceeded.*)$/;

/**
 * Localizes the limit errors per request, tells the client what language it was served
 * (extensions.i18n and Content-Language), and marks responses as varying by Accept-Language.
 */
const languagePlugin: Plugin<Context> = {
  onValidate() {
    return ({ result, setResult }) => {
      if (result.length) setResult(result.map((e) => (e instanceof GraphQLError ? limitError(e) : e)));
    };
  },
  onResultProcess({ request, result, setResult }) {
    if (Symbol.asyncIterator in (result as object)) return;
    setResult(
      Array.isArray(result)
        ? result.map((r) => localizeNeutralErrors(r, request))
        : localizeNeutralErrors(result as ExecutionResult, request),
    );
  },
  onExecute() {
    return {
      onExecuteDone({ args, result, setResult }) {
        const ctx = args.contextValue as Context;
        if (!ctx?.served || Symbol.asyncIterator in (result as object)) return;
        const single = result as ExecutionResult;
        setResult({
          ...single,
          extensions: {
            ...single.extensions,
            i18n: {
              requested: {
                acceptLanguage: ctx.negotiation.header,
                arguments: [...ctx.requestedArguments],
              },
              negotiated: ctx.negotiation.language,
              served: [...ctx.served].sort(),
              default: DEFAULT_LANGUAGE,
              supported: [...LANGUAGES],
            },
          },
        });
      },
    };
  },
  onResponse({ request, response }) {
    response.headers.append('Vary', 'Accept-Language');
    const ctx = contextOf(request);
    if (!ctx) return;
    const served = [...ctx.served];
    response.headers.set('Content-Language', (served.length ? served.sort() : [ctx.negotiation.language]).join(', '));
  },
};

export interface AppOptions extends ContextOptions {
  /** The response cache the HTTP server (src/server.ts) puts in front; its entries are marked here. */
  responseCache?: ResponseCache | null;
  /** Where unexpected errors are logged (once each, with their stack). */
  logger?: Logger;
  /** Where Yoga's and the service's metrics are kept (served at /metrics by src/server.ts). */
  metrics?: Metrics;
  /** Introspection, "Did you mean …" suggestions and GraphiQL (INTROSPECTION; default on, off in production). */
  introspection?: boolean;
  /** Origins allowed to read responses from a browser on another origin (CORS_ORIGINS), or "*" for any, never with credentials. */
  corsOrigins?: string[];
}

/** Per-request information the HTTP server (src/server.ts) reads back for its log line. */
export interface RequestNote {
  operation?: string;
  languages?: string[];
}

/** Records the operation's name and the languages it served, for the request's log line and metrics. */
function observePlugin(metrics: Metrics | undefined): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone() {
          const ctx = args.contextValue as Context & { note?: RequestNote };
          if (!ctx?.served) return;
          const languages = [...ctx.served].sort();
          if (ctx.note) {
            ctx.note.operation = args.operationName ?? undefined;
            ctx.note.languages = languages;
          }
          if (metrics) for (const language of languages) metrics.requests.inc({ language });
        },
      };
    },
  };
}

/** Most IDs one `nodes(ids:)` may ask for (literal or in variables). */
export const NODES_MAX = 100;

/** How many IDs the root `nodes` fields of an operation ask for, the largest of them. */
function nodesAsked(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  let most = 0;
  for (const selection of operation?.selectionSet.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'nodes') continue;
    const ids = selection.arguments?.find((a) => a.name.value === 'ids')?.value;
    let count = 0;
    if (ids?.kind === Kind.LIST) count = ids.values.length;
    else if (ids?.kind === Kind.VARIABLE) {
      const value = variables?.[ids.name.value];
      count = Array.isArray(value) ? value.length : 1;
    }
    most = Math.max(most, count);
  }
  return most;
}

/** Refuses a `nodes(ids:)` over NODES_MAX before anything is loaded: a coded, localized BAD_USER_INPUT. */
const boundedNodesPlugin: Plugin<Context> = {
  onExecute({ args, setResultAndStopExecution }) {
    const asked = nodesAsked(args.document, args.operationName, args.variableValues as Record<string, unknown> | undefined);
    if (asked <= NODES_MAX) return;
    const ctx = args.contextValue as Context;
    setResultAndStopExecution({
      errors: [
        localizedError(
          ctx,
          'BAD_USER_INPUT',
          { detail: `“ids” lists at most ${NODES_MAX} IDs, and ${asked} were sent` },
          { argument: 'ids', max: NODES_MAX },
        ),
      ],
    });
  },
};

/** A GraphQLError made on purpose (a coded refusal), not one wrapping a crash. */
const isIntended = (error: unknown): boolean => error instanceof GraphQLError && (!error.originalError || isIntended(error.originalError));

/**
 * Unexpected errors reach clients as "Unexpected error." with no SQL, stack or path (Yoga logs the
 * original once, with its stack). A database that does not answer is SERVICE_UNAVAILABLE with
 * status 503. Both are localized per request in languagePlugin, like the limit errors.
 */
function maskError(error: unknown, message: string): Error {
  if (isIntended(error)) return error as GraphQLError;
  const located = error instanceof GraphQLError ? error : undefined;
  const original = located?.originalError ?? error;
  const options = { nodes: located?.nodes, path: located?.path };
  if (isUnavailable(original)) {
    return new GraphQLError('The database is not answering; try again shortly.', {
      ...options,
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  }
  return new GraphQLError(message, { ...options, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/**
 * The GraphQL application: schema, context, limits, masking. Exported without a listener so tests
 * call `yoga.fetch`. With `adminToken` (ADMIN_TOKEN), requests bearing it may use the mutations.
 */
export function createApp(options: AppOptions = {}) {
  catalog(); // load the locale files now rather than on the first request
  const introspection = options.introspection ?? true;
  const origins = options.corsOrigins ?? [];
  const cache = options.responseCache;
  // Requests know the data version when the response cache tracks it (translationStatus is kept per version).
  const contextOptions: ContextOptions =
    cache && !options.dataVersion ? { ...options, dataVersion: () => cache.dataVersion.current() } : options;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { isDev: false, maskError },
    // GraphiQL from this server alone (no CDN): the page is built on first use.
    graphiql: introspection && {
      title: 'polyglot-desk',
      defaultQuery: EXAMPLE_QUERY,
      headers: JSON.stringify({ 'Accept-Language': 'ko' }, null, 2),
    },
    renderGraphiQL: async (graphiql) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    // Same origin only, unless origins are named; never credentials for a wildcard.
    cors: origins.length ? { origin: origins.includes('*') ? '*' : origins, credentials: false, methods: ['GET', 'POST'] } : false,
    context: ({ request, note }: { request: Request; note?: RequestNote }) => ({ ...createContext(request, contextOptions), note }),
    plugins: [
      // A browser may not send a query from another site without a CORS preflight: GETs and
      // form or text POSTs must carry this header (JSON POSTs are always preflighted).
      useCSRFPrevention({ requestHeaders: ['x-graphql-csrf'] }),
      ...(introspection ? [] : [useDisableIntrospection(), blockFieldSuggestionsPlugin()]),
      maxTokensPlugin({ n: LIMITS.tokens }),
      maxDepthPlugin({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...reportAsValidationError }),
      maxAliasesPlugin({ n: LIMITS.aliases, ...reportAsValidationError }),
      costLimitPlugin({ maxCost: LIMITS.cost, ...reportAsValidationError }),
      listDepthPlugin,
      languagePlugin,
      boundedNodesPlugin,
      responseCachePlugin(options.responseCache ?? null),
      observePlugin(options.metrics),
      ...(options.metrics
        ? [
            usePrometheus({
              registry: options.metrics.registry,
              endpoint: false,
              metrics: {
                graphql_yoga_http_duration: true,
                graphql_envelop_request_duration: true,
                graphql_envelop_error_result: true,
                graphql_envelop_request: false,
                graphql_envelop_request_time_summary: false,
                graphql_envelop_phase_parse: false,
                graphql_envelop_phase_validate: false,
                graphql_envelop_phase_context: false,
                graphql_envelop_phase_execute: false,
                graphql_envelop_phase_subscribe: false,
                graphql_envelop_deprecated_field: false,
                graphql_envelop_schema_change: false,
              },
            }),
          ]
        : []),
    ],
    logging: options.logger ? yogaLogger(options.logger) : false,
  });
}

/** Yoga's own log lines, through the service's logger: an unexpected error is one entry with its stack. */
const yogaLogger = (logger: Logger) => {
  const child = logger.child({ component: 'graphql' });
  const line = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args: unknown[]) => child.debug(line(args)),
    info: (...args: unknown[]) => child.info(line(args)),
    warn: (...args: unknown[]) => child.warn(line(args)),
    error: (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      if (err) child.error({ err: err instanceof GraphQLError && err.originalError ? err.originalError : err }, 'unexpected error');
      else child.error(line(args));
    },
  };
};
