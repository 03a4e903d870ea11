// What the extractor's parts produce and share: found entities and mentions, the candidate spans
// they propose, and the per-article context that turns names into entities.
import type { EntityKind, Gazetteer, KnownEntity } from '../gazetteer.js';
import { slugify } from '../text.js';

/** An entity found in an article: either known already, or new (proposed by a rule or the NLP library). */
export interface FoundEntity extends KnownEntity {
  dateValue?: string;
  amount?: number;
  unit?: string;
  /** Known entities and value-normalized dates and quantities are confirmed; new names are proposals. */
  confirmed: boolean;
  isNew: boolean;
}

export interface FoundMention {
  paragraph: number;
  start: number;
  end: number;
  text: string;
  entityKey: string;
  /** For a capital standing for its government: the country's key. */
  referentKey?: string;
  /** Which part of the extractor found it, for review and measurement. */
  via: 'gazetteer' | 'rule' | 'reference' | 'nlp';
}

export interface Extraction {
  entities: Map<string, FoundEntity>;
  mentions: FoundMention[];
}

/** A span of a paragraph that may be a mention, before overlaps are resolved. */
export interface Candidate {
  start: number;
  end: number;
  entity: FoundEntity;
  via: FoundMention['via'];
  /** Higher wins a tie between overlapping spans of equal length. */
  priority: number;
}

export interface Context {
  gazetteer: Gazetteer;
  entities: Map<string, FoundEntity>;
  /** Year for dates written without one: the year of publication, when known. */
  publishedAt: Date | null;
  /** The last year the article wrote out, for "October of that year" (dates are read in the order written). */
  lastYear?: number;
}

/** The article's entry for a known entity (added on first use). */
export function known(ctx: Context, entity: KnownEntity): FoundEntity {
  const existing = ctx.entities.get(entity.key);
  if (existing) return existing;
  const found: FoundEntity = { ...entity, aliases: [...entity.aliases], confirmed: true, isNew: false };
  ctx.entities.set(entity.key, found);
  return found;
}

/**
 * A new entity, unless the gazetteer already knows the name; null when a reviewer rejected the
 * name (in any case) or an entity under its key: a rejected proposal is never made again.
 */
export function propose(ctx: Context, kind: EntityKind, name: string, extra: Partial<FoundEntity> = {}): FoundEntity | null {
  const hit = ctx.gazetteer.lookup(name);
  if (hit) return known(ctx, hit);
  let key = extra.key ?? slugify(name);
  if (ctx.gazetteer.isRejected(name, key)) return null;
  const clash = ctx.gazetteer.byKey.get(key) ?? ctx.entities.get(key);
  if (clash && clash.kind === kind && clash.name === name) return known(ctx, clash);
  if (clash) key = `${key}-${kind.toLowerCase()}`;
  if (ctx.gazetteer.isRejected(name, key)) return null;
  const existing = ctx.entities.get(key) ?? ctx.gazetteer.byKey.get(key);
  if (existing) return known(ctx, existing);
  const entity: FoundEntity = { key, kind, name, aliases: [], confirmed: false, isNew: true, ...extra };
  ctx.entities.set(key, entity);
  return entity;
}

/** An entity normalized from its value (a date or a quantity): known if its key is, else new and confirmed; null if rejected. */
export function valueEntity(ctx: Context, entity: FoundEntity): FoundEntity | null {
  if (ctx.gazetteer.isRejected('', entity.key)) return null;
  const existing = ctx.entities.get(entity.key) ?? ctx.gazetteer.byKey.get(entity.key);
  if (existing) return known(ctx, existing);
  ctx.entities.set(entity.key, entity);
  return entity;
}

/** A rule's candidate span (priority 3 for dates and grouped quantities, 2 for the rest). */
export const ruleCandidate = (start: number, end: number, entity: FoundEntity, priority = 2): Candidate => ({
  start,
  end,
  entity,
  via: 'rule',
  priority,
});
