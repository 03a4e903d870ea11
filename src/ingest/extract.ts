// Entity extraction, composed from its parts in src/ingest/extract/: the gazetteer, the rule
// families, "<place> customs office", short references, then the NLP proposals, with overlaps
// resolved after each stage. Pure: reads the gazetteer, writes nothing.

import { type Candidate, type Context, type Extraction, known } from './extract/candidates.js';
import { keepMentioned, toMentions } from './extract/mentions.js';
import { placeOrgCandidates } from './extract/organizations.js';
import { nlpCandidates } from './extract/proposals.js';
import { referenceCandidates } from './extract/references.js';
import { resolve } from './extract/resolve.js';
import { ruleCandidates } from './extract/rules.js';
import type { Gazetteer } from './gazetteer.js';
import { loadedNlp, type Nlp } from './nlp.js';

export type { Extraction, FoundEntity, FoundMention } from './extract/candidates.js';

export interface ExtractOptions {
  /** Gives the year of dates written without one. */
  publishedAt?: Date | null;
  /** Ask the NLP libraries for unknown names (default true). */
  proposals?: boolean;
  /** The NLP libraries for proposals; by default the ones loadNlp() loaded (an error if it has not run). */
  nlp?: Nlp;
}

/** The gazetteer's matches, the rules' and "<place> customs office", resolved: one paragraph's first pass. */
function paragraphCandidates(ctx: Context, text: string): Candidate[] {
  const fromGazetteer: Candidate[] = [...ctx.gazetteer.matches(text)].map((m) => ({
    start: m.start,
    end: m.end,
    entity: known(ctx, m.entity),
    via: 'gazetteer' as const,
    priority: 1,
  }));
  const rules = ruleCandidates(ctx, text);
  const placeOrgs = placeOrgCandidates(ctx, text, [...fromGazetteer, ...rules]);
  return resolve([...fromGazetteer, ...rules, ...placeOrgs]);
}

/** Extracts entities and mentions from an article's paragraphs. Pure: reads the gazetteer, writes nothing. */
export function extractEntities(paragraphs: string[], gazetteer: Gazetteer, options: ExtractOptions = {}): Extraction {
  const nlp = options.proposals === false ? null : (options.nlp ?? loadedNlp());
  const ctx: Context = { gazetteer, entities: new Map(), publishedAt: options.publishedAt ?? null };
  const perParagraph = paragraphs.map((text) => paragraphCandidates(ctx, text));
  referenceCandidates(ctx, paragraphs, perParagraph);
  const resolved = nlp
    ? perParagraph.map((candidates, p) => resolve([...candidates, ...nlpCandidates(ctx, nlp, paragraphs[p] ?? '', candidates)]))
    : perParagraph;
  const mentions = toMentions(paragraphs, resolved);
  keepMentioned(ctx, gazetteer, mentions);
  return { entities: ctx.entities, mentions };
}
