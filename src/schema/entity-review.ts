import { findEntity } from '../resolvers/entities.js';
import { review } from '../resolvers/write.js';
import type { ReviewResult } from '../services/review.js';
import { WRITE_RULE } from './article-mutations.js';
import { builder } from './builder.js';
import { EntityKindEnum } from './enums.js';

const ReviewActionEnum = builder.enumType('ReviewAction', {
  description: 'What a review did.',
  values: {
    CONFIRM: { description: 'Confirmed: a known entity from now on.' },
    REJECT: { description: 'Rejected: its mentions removed; the name is never proposed or matched again.' },
    RENAME: { description: 'Renamed: the old name became an alias.' },
    RETYPE: { description: 'Its kind changed.' },
    MERGE: { description: 'Merged into another entity, whose aliases gained its names.' },
    ADD_ALIASES: { description: 'Aliases added.' },
  },
});

const ACTIONS = {
  confirm: 'CONFIRM',
  reject: 'REJECT',
  rename: 'RENAME',
  retype: 'RETYPE',
  merge: 'MERGE',
  addAliases: 'ADD_ALIASES',
} as const;

const ReviewEntityPayload = builder.objectRef<ReviewResult>('ReviewEntityPayload').implement({
  description: 'The entity after a review.',
  fields: (t) => ({
    action: t.field({ type: ReviewActionEnum, description: 'What was done.', resolve: (r) => ACTIONS[r.action] }),
    entity: t.prismaField({
      type: 'Entity',
      nullable: true,
      description: 'The entity as it now is (after a merge, the one merged into).',
      resolve: (query, r, _args, ctx) => findEntity(ctx, query, r.key),
    }),
    mentions: t.exposeInt('mentions', { description: 'Mentions removed (reject) or moved (merge).' }),
  }),
});

builder.mutationFields((t) => {
  const entityKey = () => t.arg.string({ required: true, description: 'The entity’s key, such as "korea-institute".' });
  const payload = { type: ReviewEntityPayload } as const;
  return {
    confirmEntity: t.field({
      ...payload,
      description: `Confirms a proposed (or rejected) entity. ${WRITE_RULE}`,
      args: { key: entityKey() },
      resolve: (_root, args, ctx) => review(ctx, { action: 'confirm', key: args.key }),
    }),
    rejectEntity: t.field({
      ...payload,
      description: `Rejects a proposal: its mentions are removed and the name is never proposed or matched again. ${WRITE_RULE}`,
      args: { key: entityKey() },
      resolve: (_root, args, ctx) => review(ctx, { action: 'reject', key: args.key }),
    }),
    renameEntity: t.field({
      ...payload,
      description: `Gives an entity a new English name; the old one becomes an alias (articles still say it). Its key, which locale files use, stays. ${WRITE_RULE}`,
      args: { key: entityKey(), name: t.arg.string({ required: true, description: 'The new name (one line, at most 200 characters).' }) },
      resolve: (_root, args, ctx) => review(ctx, { action: 'rename', key: args.key, name: args.name }),
    }),
    retypeEntity: t.field({
      ...payload,
      description: `Changes what kind of thing an entity is. ${WRITE_RULE}`,
      args: { key: entityKey(), kind: t.arg({ type: EntityKindEnum, required: true, description: 'The right kind.' }) },
      resolve: (_root, args, ctx) => review(ctx, { action: 'retype', key: args.key, kind: args.kind }),
    }),
    mergeEntity: t.field({
      ...payload,
      description: `Merges an entity into another: mentions move, names become aliases, the merged entity is deleted. ${WRITE_RULE}`,
      args: { key: entityKey(), into: t.arg.string({ required: true, description: 'Key of the entity to merge into.' }) },
      resolve: (_root, args, ctx) => review(ctx, { action: 'merge', key: args.key, into: args.into }),
    }),
    addEntityAliases: t.field({
      ...payload,
      description: `Adds other English names an entity goes by. ${WRITE_RULE}`,
      args: {
        key: entityKey(),
        aliases: t.arg.stringList({ required: true, description: 'The names to add (at most 50 aliases in all).' }),
      },
      resolve: (_root, args, ctx) => review(ctx, { action: 'addAliases', key: args.key, aliases: args.aliases }),
    }),
  };
});
