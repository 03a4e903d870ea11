// Text arguments that reach the database (slugs, keys, sources) are checked first: a control
// character (PostgreSQL refuses NUL in text) or an unbounded value is the client's mistake, and
// gets a coded, localized BAD_USER_INPUT instead of a database error.
import { type Context, localizedError } from '../context.js';

/** Longest text argument accepted. */
export const TEXT_ARGUMENT_MAX = 500;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export function textArgument(ctx: Context, name: string, value: string): string {
  if (CONTROL.test(value) || value.length > TEXT_ARGUMENT_MAX) {
    throw localizedError(
      ctx,
      'BAD_USER_INPUT',
      { detail: `“${name}” must be one line of text without control characters, at most ${TEXT_ARGUMENT_MAX} characters` },
      { argument: name },
    );
  }
  return value;
}

/** The same for optional arguments. */
export const optionalText = (ctx: Context, name: string, value: string | null | undefined) =>
  value === null || value === undefined ? value : textArgument(ctx, name, value);
