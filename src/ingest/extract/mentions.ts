// From the kept candidates to the extraction: mentions (with a capital's country as the referent
// where the capital stands for its government), and only the entities that kept a mention.
import type { Gazetteer } from '../gazetteer.js';
import { type Candidate, type Context, type FoundMention, known } from './candidates.js';
import { wordBefore } from './spans.js';

const GOVERNMENT_CONTEXT =
  /^(?:[-–]\p{Lu}[\p{L}]+)?(?:’s|'s)?\s+(?:relations|ties|government|authorities|regime|leadership|officials|said|says|has|have|had|is|was|announced|denied|condemned|warned|accused|agreed|refused|insisted|responded|urged|demanded|criticized|criticised|protested|rejected)\b/u;

/** Words before a capital that make it the city ("analysts in Seoul said"). */
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'inside', 'around', 'across', 'throughout']);

/** "Pyongyang said", "Pyongyang-Beijing relations", "Beijing’s government": the capital stands for its country. */
function standsForGovernment(text: string, c: Candidate): boolean {
  // Anchored regular expressions on what follows, and the word before: never a scan of the paragraph.
  if (LOCATIVE.has(wordBefore(text, c.start, 10)?.toLowerCase() ?? '')) return false;
  if (GOVERNMENT_CONTEXT.test(text.slice(c.end))) return true;
  return /[-–]/u.test(text.charAt(c.start - 1)) && /^\s+(?:relations|ties)\b/u.test(text.slice(c.end));
}

export function toMentions(paragraphs: string[], resolved: Candidate[][]): FoundMention[] {
  const mentions: FoundMention[] = [];
  resolved.forEach((candidates, p) => {
    const text = paragraphs[p] ?? '';
    for (const c of candidates) {
      const mention: FoundMention = {
        paragraph: p,
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        entityKey: c.entity.key,
        via: c.via,
      };
      if (c.entity.capitalOf && standsForGovernment(text, c)) mention.referentKey = c.entity.capitalOf;
      mentions.push(mention);
    }
  });
  return mentions;
}

/**
 * Drops the entities that kept no mention (only they are part of the article), and adds each
 * referent country; a referent the gazetteer does not know is dropped from its mention.
 */
export function keepMentioned(ctx: Context, gazetteer: Gazetteer, mentions: FoundMention[]): void {
  const used = new Set(mentions.map((m) => m.entityKey));
  for (const m of mentions) if (m.referentKey) used.add(m.referentKey);
  for (const key of [...ctx.entities.keys()]) if (!used.has(key)) ctx.entities.delete(key);
  for (const m of mentions) {
    if (m.referentKey && !ctx.entities.has(m.referentKey)) {
      const referent = gazetteer.byKey.get(m.referentKey);
      if (referent) known(ctx, referent);
      else delete m.referentKey;
    }
  }
}
