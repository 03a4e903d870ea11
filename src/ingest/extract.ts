// Entity extraction, composed from its parts in src/ingest/extract/: the gazetteer, the rule
// families, "<place> customs office", short references and the acronyms an article defines, then
// the NLP proposals and the short references and acronyms of what they found, with overlaps
// resolved after each stage. Pure: reads the
// gazetteer, writes nothing.

import { acronymCandidates } from './extract/acronyms.js';
import { type Candidate, type Context, type Extraction, known } from './extract/candidates.js';
import { keepMentioned, toMentions } from './extract/mentions.js';
import { placeOrgCandidates } from './extract/organizations.js';
import { nlpCandidates } from './extract/proposals.js';
import { nameTokens, referenceCandidates } from './extract/references.js';
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

/**
 * The NLP proposals added to each paragraph's candidates. A proposal of one word that is the family
 * or given name of a person named in full in the article ("Cockerell" after "Simon Cockerell") is
 * no new entity: it and the later bare names are short references, found once the people the
 * proposals named are known.
 */
function withProposals(ctx: Context, nlp: Nlp, paragraphs: string[], found: Candidate[][]): Candidate[][] {
  const proposals = found.map((candidates, p) => nlpCandidates(ctx, nlp, paragraphs[p] ?? '', candidates));
  const tokens = new Set<string>();
  for (const candidates of [...found, ...proposals]) {
    for (const c of candidates) if (c.entity.kind === 'PERSON') for (const t of nameTokens(c.entity.name)) tokens.add(t);
  }
  const resolved = found.map((candidates, p) =>
    resolve([...candidates, ...(proposals[p] ?? []).filter((c) => /\s/u.test(c.entity.name) || !tokens.has(c.entity.name))]),
  );
  referenceCandidates(ctx, paragraphs, resolved);
  acronymCandidates(ctx, paragraphs, resolved);
  return resolved.map((candidates) => candidates.sort((a, b) => a.start - b.start || a.end - b.end));
}

/** Extracts entities and mentions from an article's paragraphs. Pure: reads the gazetteer, writes nothing. */
export function extractEntities(paragraphs: string[], gazetteer: Gazetteer, options: ExtractOptions = {}): Extraction {
  const nlp = options.proposals === false ? null : (options.nlp ?? loadedNlp());
  const ctx: Context = { gazetteer, entities: new Map(), publishedAt: options.publishedAt ?? null };
  const perParagraph = paragraphs.map((text) => paragraphCandidates(ctx, text));
  referenceCandidates(ctx, paragraphs, perParagraph);
  acronymCandidates(ctx, paragraphs, perParagraph);
  const resolved = nlp ? withProposals(ctx, nlp, paragraphs, perParagraph) : perParagraph;
  const mentions = toMentions(paragraphs, resolved);
  keepMentioned(ctx, gazetteer, mentions);
  return { entities: ctx.entities, mentions };
}
