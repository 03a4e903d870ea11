// What the entity root queries do: lookups and filters; and entities by id, for the fields that point at one.
import { batched, type Context, found } from '../context.js';
import { prisma } from '../db/current.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { EntityKind } from '../generated/prisma/enums.js';
import { textArgument } from './arguments.js';
import { ENTITY_COLUMNS } from './columns.js';

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

async function loadEntities(ids: number[]) {
  const rows = await prisma().entity.findMany({ where: { id: { in: ids } }, select: ENTITY_COLUMNS });
  return new Map(rows.map((row) => [row.id, row]));
}

/** An entity by id with the Entity type's columns; those a request asks for in one tick come in one statement. */
export const entityById = (ctx: Context, id: number) => batched(ctx, 'entity-by-id', id, loadEntities).then((e) => found('entity', id, e));

/** An entity as every query loads it. */
export type LoadedEntity = Awaited<ReturnType<typeof entityById>>;

export const countEntities = (args: EntityFilter) => prisma().entity.count({ where: entityWhere(args) });
