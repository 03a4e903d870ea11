// One locale file: which namespace it holds, parsing and shape checks, its leaves, its canonical form.
import path from 'node:path';
import { findNodeAtLocation, type ParseError, parse as parseJsonc, parseTree } from 'jsonc-parser';

export interface LoadError {
  /** Path relative to the locales folder, such as "ko/entities.json". */
  file: string;
  line: number | null;
  message: string;
}

export type Resource = { [key: string]: string | string[] | Resource };

/** A namespace is a fixed name or an article's slug; anything else in a language folder is refused. */
const NAMESPACE = /^(?:common|errors|desk|entities|articles\/[a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Every leaf of a locale file as [dotted key, value]. */
export function flatten(value: Resource, prefix = ''): Array<[string, string | string[]]> {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'string' || Array.isArray(v) ? [[`${prefix}${k}`, v] as [string, string | string[]]] : flatten(v, `${prefix}${k}.`),
  );
}

/** Line (1-based) of a character offset in a text. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * What is wrong with a string as text to serve, or null: U+FFFD (the mark of bytes that were not
 * UTF-8 somewhere on the way) and control characters other than tab and line breaks.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\ufffd')) return 'holds U+FFFD, the replacement character: the text was damaged by a wrong encoding';
  const control = CONTROL.exec(text);
  if (control) return `holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return null;
}

/** The first problem of parsed JSON that is not nested objects of strings (or arrays of strings) of clean text. */
function shapeProblem(value: unknown, at: string[] = []): { message: string; path: string[] } | null {
  const name = at.join('.');
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { message: `${name || 'the file'} must be an object of strings`, path: at };
  for (const [k, v] of Object.entries(value)) {
    const path = [...at, k];
    const where = path.join('.');
    if (k === '' || k.includes(':') || k === '__proto__' || k === 'constructor' || k === 'prototype')
      return { message: `key "${where}" is not allowed`, path };
    if (typeof v === 'string') {
      const bad = textProblem(v);
      if (bad) return { message: `"${where}" ${bad}`, path };
      continue;
    }
    if (Array.isArray(v)) {
      if (v.some((x) => typeof x !== 'string')) return { message: `"${where}" must be a list of strings`, path };
      const bad = v.map(textProblem).find(Boolean);
      if (bad) return { message: `"${where}" ${bad}`, path };
      continue;
    }
    const inner = shapeProblem(v, path);
    if (inner) return inner;
  }
  return null;
}

/** The line of a key path in a JSON text, when it can be found. */
function lineOfPath(text: string, path: string[]): number | null {
  const node = path.length ? findNodeAtLocation(parseTree(text) ?? { type: 'null', offset: 0, length: 0 }, path) : undefined;
  return node ? lineOf(text, node.offset) : null;
}

/** The namespace a file in a language folder holds, or a LoadError when it holds none. */
export function namespaceOf(root: string, language: string, file: string): string {
  const relative = path.relative(path.join(root, language), file).split(path.sep).join('/');
  const namespace = relative.replace(/\.json$/, '');
  if (!relative.endsWith('.json') || !NAMESPACE.test(namespace)) {
    throw {
      file: `${language}/${relative}`,
      line: null,
      message: 'not a known locale file (common, errors, desk, entities or articles/<slug>.json)',
    } satisfies LoadError;
  }
  return namespace;
}

/** Parses and validates a locale file's text. Throws a LoadError (with the line, for invalid JSON). */
export function parseLocaleText(display: string, text: string): Resource {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    // jsonc-parser, strict, says where the first error is; JSON.parse's message says what it is.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const line = errors[0] ? lineOf(text, errors[0].offset) : lineOf(text, text.length);
    throw { file: display, line, message: `invalid JSON: ${message.replace(/^Unexpected/, 'unexpected')}` } satisfies LoadError;
  }
  const problem = shapeProblem(data);
  if (problem)
    throw { file: display, line: lineOfPath(text, problem.path), message: `wrong shape: ${problem.message}` } satisfies LoadError;
  return data as Resource;
}

/** Canonical form of a locale file: two-space JSON and a final newline. */
export const serialize = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
