import type { createApp } from '../../src/yoga.js';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  /** The response's extensions: extensions.i18n says what language was requested, negotiated and served. */
  extensions?: Record<string, any>;
}

/** Sends a query through the front door of the app (yoga.fetch), as a client would. */
// Responses are loosely typed JSON: tests read deep into them and assert on what they find.
export async function gql<T = Record<string, any>>(
  yoga: ReturnType<typeof createApp>,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GqlResponse<T>> {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResponse<T>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}
