// Warm-up after start-up. The first request after a start pays for compiling the paths it takes
// (V8's JIT, Prisma's query plans, the catalog's lookups, the alignment of mentions in each
// translation): the desk's first article page took 0.7 s on this machine with a browser drawing
// beside it, the next 0.07 s. So the newest article is read once in each language through the
// app, with the desk's own queries (web/src/operations.graphql) and the GraphiQL example, before
// the first visitor asks. Nothing is cached by it (the HTTP response cache is not involved). Then
// src/app.ts has the desk load its page renderer (Desk.warm).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YogaServerInstance } from 'graphql-yoga';
import { LANGUAGES } from './i18n/languages.js';
import { EXAMPLE_QUERY } from './yoga.js';

/** The desk's queries, beside src/ and dist/ alike. */
const DESK_OPERATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web', 'src', 'operations.graphql');

// biome-ignore lint/suspicious/noExplicitAny: Yoga's server and user context types are not needed here
type Yoga = YogaServerInstance<any, any>;

async function post(yoga: Yoga, query: string, variables: Record<string, unknown> = {}, operationName?: string, lang?: string) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(lang ? { 'accept-language': lang } : {}),
    },
    body: JSON.stringify({ query, variables, operationName }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
  if (body.errors?.length) throw new Error(body.errors[0]?.message ?? 'warm-up query failed');
  return body.data ?? {};
}

/**
 * Reads the newest article once in every language; resolves with how long it took (ms), or null
 * without articles or when `signal` stops it (checked before each query).
 */
export async function warmUp(yoga: Yoga, signal?: AbortSignal, deskOperations = DESK_OPERATIONS): Promise<number | null> {
  const started = Date.now();
  const data = await post(yoga, '{ articles(first: 1) { edges { node { slug } } } }');
  const edges = (data.articles as { edges: Array<{ node: { slug: string } }> } | undefined)?.edges ?? [];
  const slug = edges[0]?.node.slug;
  if (!slug) return null;
  const desk = fs.existsSync(deskOperations) ? fs.readFileSync(deskOperations, 'utf8') : null;
  const reads: Array<() => Promise<unknown>> = [];
  for (const lang of LANGUAGES) {
    if (desk) {
      reads.push(() => post(yoga, desk, { slug, lang }, 'ArticlePage'));
      reads.push(() => post(yoga, desk, { lang }, 'ArticleList'));
    }
    reads.push(() => post(yoga, EXAMPLE_QUERY, {}, undefined, lang));
  }
  for (const read of reads) {
    if (signal?.aborted) return null;
    await read();
  }
  return Date.now() - started;
}
