import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { prisma } from '../db/current.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';

export type { Context };

export const builder = new SchemaBuilder<{
  PrismaTypes: PrismaTypes;
  Context: Context;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  prisma: {
    client: () => prisma(),
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === 'production' ? null : 'warn',
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when there is none.',
      args: { id: { description: 'A global ID, as returned in any `id` field.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches objects by their global IDs, in order; null for each one not found.',
      args: { ids: { description: 'Global IDs, as returned in `id` fields.' } },
    },
    nodeTypeOptions: { description: 'An object with a global ID, fetchable with `node(id:)`.' },
    pageInfoTypeOptions: { description: 'Where a page of a connection sits within the whole list.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items come before this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of the page; pass it as `before` for the page before.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of the page; pass it as `after` for the next page.' },
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where this page sits within the whole list.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after` and `before`.' },
    nodeFieldOptions: { description: 'The item itself.' },
    firstArgOptions: { description: 'Page forward: at most this many items (default 20, at most 100).' },
    lastArgOptions: { description: 'Page backward: at most this many items.' },
    afterArgOptions: { description: 'Items after this cursor.' },
    beforeArgOptions: { description: 'Items before this cursor.' },
    idFieldOptions: { description: 'Global ID of the object, for `node(id:)`.' },
  },
});

builder.scalarType('DateTime', {
  description: 'An instant in time, as an ISO 8601 string in UTC (for example "2025-09-16T00:00:00.000Z").',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO 8601 string');
    return date;
  },
});

builder.queryType({ description: 'Read access to articles, their paragraphs and the entities they mention.' });
builder.mutationType({
  description:
    'The write API: ingest articles, review entities, save translations. Enabled when the server has ADMIN_TOKEN; each mutation needs `Authorization: Bearer <ADMIN_TOKEN>` and is one transaction (or one atomic file write).',
});

/**
 * The `totalCount` field of a prisma connection, as the plugin defines it but with a description
 * (the plugin adds none). Spread into the connection options' `fields`.
 */
type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

export const totalCountField = {
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, object>) => ({
    totalCount: t.int({
      description: 'How many items match the arguments, across all pages.',
      extensions: { pothosPrismaTotalCount: true },
      resolve: (parent) => (parent as { totalCount?: () => number | Promise<number> }).totalCount?.() ?? 0,
    }),
  }),
};
