// What the entity root queries do: lookups and filters.
import type { Context } from '../context.js';
import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { EntityKind } from '../generated/prisma/enums.js';
import { textArgument } from './arguments.js';

export interface EntityFilter {
  kind?: EntityKind | null;
  confirmed?: boolean | null;
  mentioned?: boolean | null;
}

function entityWhere(args: EntityFilter): Prisma.EntityWhereInput {
  return {
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.confirmed === null || args.confirmed === undefined ? {} : { confirmed: args.confirmed }),
    ...(args.mentioned === false ? {} : { articles: { some: {} } }),
  };
}

export const findEntity = <Q extends object>(ctx: Context, query: Q, key: string) =>
  prisma().entity.findUnique({ ...query, where: { key: textArgument(ctx, 'key', key) } });

/** A page of entities in alphabetical order of English name. */
export const findEntities = <Q extends object>(query: Q, args: EntityFilter) =>
  prisma().entity.findMany({ ...query, where: entityWhere(args), orderBy: [{ name: 'asc' }, { id: 'asc' }] });

export const countEntities = (args: EntityFilter) => prisma().entity.count({ where: entityWhere(args) });
