// Acronyms an article introduces in parentheses right after an organization's name ("Korea
// Institute for National Unification (KINU)", "Office of Foreign Assets Control (OFAC)"): the
// acronym becomes one of the organization's names, and each bare use of it in the article ("a
// fellow at KINU") is a mention of that organization, not a new name for the NLP libraries.
import { AFTER, BEFORE, escapeRegExp } from '../gazetteer.js';
import type { Candidate, Context, FoundEntity } from './candidates.js';

/** "(KINU)", "(U.N.)", "(KRDV)" right after a name: two to ten capitals, digits, "&", "." or "-". */
const ACRONYM_AFTER = /^\s*\((\p{Lu}[\p{Lu}\p{N}&.-]{1,9})\)/u;

/** Each acronym the article defines after an organization's name, with that organization. */
function definedAcronyms(ctx: Context, paragraphs: string[], found: Candidate[][]): Map<string, FoundEntity> {
  const acronyms = new Map<string, FoundEntity>();
  found.forEach((candidates, p) => {
    const text = paragraphs[p] ?? '';
    for (const c of candidates) {
      if (c.entity.kind !== 'ORGANIZATION') continue;
      const acronym = ACRONYM_AFTER.exec(text.slice(c.end, c.end + 16))?.[1];
      if (!acronym || acronyms.has(acronym) || !/\p{Lu}.*\p{Lu}/u.test(acronym)) continue;
      // An acronym the gazetteer gives to something else stays that entity's.
      const hit = ctx.gazetteer.lookup(acronym);
      if (hit && hit.key !== c.entity.key) continue;
      acronyms.set(acronym, c.entity);
      if (c.entity.isNew && !c.entity.aliases.includes(acronym)) c.entity.aliases.push(acronym);
    }
  });
  return acronyms;
}

/**
 * Adds to each paragraph's candidates (in place) a mention of the organization for every use of an
 * acronym the article defined, in place of the NLP proposals that overlap it; a span a rule, the
 * gazetteer or a reference already took stays theirs.
 */
export function acronymCandidates(ctx: Context, paragraphs: string[], found: Candidate[][]): void {
  const acronyms = definedAcronyms(ctx, paragraphs, found);
  for (const [acronym, entity] of acronyms) {
    const re = new RegExp(`${BEFORE}${escapeRegExp(acronym)}${AFTER}`, 'gu');
    paragraphs.forEach((text, p) => {
      const candidates = found[p] ?? [];
      for (const m of text.matchAll(re)) {
        const start = m.index;
        const end = start + acronym.length;
        const overlapping = candidates.filter((c) => c.start < end && c.end > start);
        if (overlapping.some((c) => c.via !== 'nlp')) continue;
        const kept = candidates.filter((c) => !overlapping.includes(c));
        kept.push({ start, end, entity, via: 'reference', priority: 1 });
        candidates.splice(0, candidates.length, ...kept);
      }
      found[p] = candidates;
    });
  }
}
