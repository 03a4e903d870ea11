// The write API's doors: who may write, and the services behind each mutation, with their failures
// turned into coded, localized GraphQL errors. Nothing is written unless the caller is the admin.
import { GraphQLError } from 'graphql';
import { type Context, echo, localizedError } from '../context.js';
import { database } from '../db/current.js';
import { untilCatalog } from '../i18n/current.js';
import { SOURCE_LANGUAGES } from '../ingest/text.js';
import { type ArticleFields, articleText } from '../services/article-input.js';
import { ingestArticleText, toFailure } from '../services/ingest.js';
import { type ReviewAction, ReviewError, reviewEntity } from '../services/review.js';
import { type SaveTranslationInput, saveTranslation } from '../services/translations.js';
import { textArgument } from './arguments.js';

/** Who wrote, in audit fields: the write API has one user for now. */
export const ADMIN = 'admin';

/** Refuses the operation unless the write API is on and the request bears the admin token. */
export function requireAdmin(ctx: Context): void {
  if (!ctx.writeEnabled) throw localizedError(ctx, 'WRITE_API_DISABLED', {});
  if (ctx.caller === 'anonymous') throw localizedError(ctx, 'UNAUTHENTICATED', {});
  if (ctx.caller !== 'admin') throw localizedError(ctx, 'FORBIDDEN', {});
}

export interface IngestArticleInput extends ArticleFields {
  text: string;
}

export async function ingestArticle(ctx: Context, input: IngestArticleInput) {
  requireAdmin(ctx);
  let text: string;
  try {
    text = articleText(input.text, input);
  } catch (err) {
    throw ingestError(ctx, toFailure(err), input);
  }
  const outcome = await ingestArticleText(database(), text, { maxBytes: ctx.ingestMaxBytes, by: ADMIN });
  if (!outcome.ok) throw ingestError(ctx, outcome.error, input);
  return outcome.result;
}

function ingestError(ctx: Context, error: { code: string; message: string }, input: IngestArticleInput): GraphQLError {
  if (error.code === 'UNEXPECTED') return new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  if (error.code === 'UNSUPPORTED_LANGUAGE') {
    return localizedError(ctx, 'UNSUPPORTED_LANGUAGE', { tag: echo(input.language ?? ''), supported: SOURCE_LANGUAGES.join(', ') });
  }
  return localizedError(ctx, error.code, { detail: echo(error.message, 300) }, { detail: error.message });
}

export async function review(ctx: Context, action: ReviewAction) {
  requireAdmin(ctx);
  textArgument(ctx, 'key', action.key);
  if (action.action === 'merge') textArgument(ctx, 'into', action.into);
  try {
    return await reviewEntity(database(), action, ADMIN);
  } catch (err) {
    if (err instanceof ReviewError) {
      throw localizedError(ctx, err.code, {
        detail: err.message,
        ...Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, echo(v)])),
      });
    }
    throw err;
  }
}

/**
 * Saves one translation into the locale files the request's catalog was loaded from (the live
 * reload then serves it). Refused with TRANSLATION_REFUSED, the problems in `extensions.problems`,
 * and nothing written, when it would fail the checks.
 */
export async function saveOneTranslation(ctx: Context, input: SaveTranslationInput) {
  requireAdmin(ctx);
  const result = await saveTranslation(database(), ctx.catalog.root, input);
  if (!result.ok) {
    const problems = result.problems.map(({ code, message, key, file, line }) => ({ code, message, key, file, line }));
    throw localizedError(
      ctx,
      'TRANSLATION_REFUSED',
      { count: String(problems.length), detail: echo(problems[0]?.message ?? '', 300) },
      { problems },
    );
  }
  // Read-your-writes: the answer waits (at most SERVED_WITHIN_MS) until the live reload serves the
  // new text, so the translator's next read shows it.
  const saved = JSON.stringify(input.text);
  await untilCatalog((c) => JSON.stringify(c.raw(result.language, result.namespace, result.key)) === saved, SERVED_WITHIN_MS);
  return result;
}

/** How long a save waits for the live reload to serve it before answering anyway. */
const SERVED_WITHIN_MS = 3_000;

/**
 * The checks a save would make, without saving: what the translator's page shows as they type.
 * Admin only, as the save (the checks read the locale files and the database).
 */
export async function checkOneTranslation(ctx: Context, input: SaveTranslationInput) {
  requireAdmin(ctx);
  const result = await saveTranslation(database(), ctx.catalog.root, input, { dryRun: true });
  const problems = result.ok ? [] : result.problems.slice(0, MAX_PROBLEMS_SHOWN);
  return {
    ok: result.ok,
    total: result.ok ? 0 : result.problems.length,
    problems: problems.map(({ code, message, key, file, line }) => ({ code, message, key, file, line })),
  };
}

/** Problems listed by a check (the first is what blocks; a broken language can have thousands). */
const MAX_PROBLEMS_SHOWN = 50;
