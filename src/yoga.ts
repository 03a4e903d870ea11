import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { type ExecutionResult, GraphQLError, type ValidationContext } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { type ResponseCache, responseCachePlugin } from './cache/response-cache.js';
import { type Context, type ContextOptions, contextOf, createContext } from './context.js';
import { catalog } from './i18n/current.js';
import { DEFAULT_LANGUAGE, LANGUAGES, negotiate } from './i18n/languages.js';
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

/** Limits on what one operation may ask for; above them the operation is refused before it runs. */
export const LIMITS = { depth: 12, aliases: 30, cost: 20_000, tokens: 3_000 };

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

/** Each limit error in a result, in the request's language (new objects: the cached ones stay neutral). */
function localizeLimitErrors(result: ExecutionResult, request: Request): ExecutionResult {
  const errors = result.errors;
  if (!errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX' || TOKEN_LIMIT.test(e.message))) return result;
  const t = catalog().t(negotiate(request.headers.get('accept-language')).language);
  return {
    ...result,
    errors: errors.map((error) => {
      const token = TOKEN_LIMIT.exec(error.message);
      if (error.extensions?.code !== 'QUERY_TOO_COMPLEX' && !token) return error;
      const detail = String(error.extensions?.detail ?? token?.[1] ?? error.message);
      return new GraphQLError(t('errors:QUERY_TOO_COMPLEX', { detail }) as string, {
        nodes: error.nodes,
        // Keeps Yoga's own (http: the 400 status); `detail` was only for this step.
        extensions: { ...error.extensions, code: 'QUERY_TOO_COMPLEX', limits: LIMITS, detail: undefined },
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
      Array.isArray(result) ? result.map((r) => localizeLimitErrors(r, request)) : localizeLimitErrors(result as ExecutionResult, request),
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
}

/**
 * The GraphQL application: schema, context, limits, masking. Exported without a listener so tests
 * call `yoga.fetch`. With `adminToken` (ADMIN_TOKEN), requests bearing it may use the mutations.
 */
export function createApp(options: AppOptions = {}) {
  catalog(); // load the locale files now rather than on the first request
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Unexpected errors reach clients as "Unexpected error." with no SQL, stack or path.
    maskedErrors: { isDev: false },
    graphiql: {
      title: 'polyglot-desk',
      defaultQuery: EXAMPLE_QUERY,
      headers: JSON.stringify({ 'Accept-Language': 'ko' }, null, 2),
    },
    context: ({ request }) => createContext(request, options),
    plugins: [
      maxTokensPlugin({ n: LIMITS.tokens }),
      maxDepthPlugin({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...reportAsValidationError }),
      maxAliasesPlugin({ n: LIMITS.aliases, ...reportAsValidationError }),
      costLimitPlugin({ maxCost: LIMITS.cost, ...reportAsValidationError }),
      languagePlugin,
      responseCachePlugin(options.responseCache ?? null),
    ],
    logging: process.env.NODE_ENV === 'test' ? false : 'info',
  });
}
