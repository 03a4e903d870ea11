// Proposals: proper nouns the gazetteer and the rules did not find, from compromise (typed as
// people, places, organizations) and wink-nlp (untyped, better recall: npm run bench), typed by
// the tagger or by their context. They become proposed entities (confirmed: false) for review.
import type { EntityKind } from '../gazetteer.js';
import type { ItemToken, Nlp } from '../nlp.js';
import { type Candidate, type Context, propose } from './candidates.js';
import { DEMONYM_PLURALS, DEMONYMS, ORG_HEADS, STOP_PROPER } from './words.js';

const ORG_HEAD_RE = new RegExp(`(?:${ORG_HEADS})$`, 'i');
const PERSON_CUE = /(?:\b(?:Mr|Ms|Mrs|Dr|President|Premier|Minister|Chairman|General|leader|spokesperson|spokesman|spokeswoman)\.?\s+)$/u;
const PLACE_CUE = /\b(?:in|near|at|from|to|into|outside)\s+$/u;

type Matches = { json(options: object): unknown };
type OffsetMatch = { text: string; offset: { start: number } };

/** A proposal less a leading "the" and trailing possessives and punctuation, with how much was cut in front. */
function cleanProposal(surface: string): { text: string; offset: number } {
  let text = surface;
  let offset = 0;
  const lead = /^(?:the|The)\s+/.exec(text);
  if (lead) {
    text = text.slice(lead[0].length);
    offset = lead[0].length;
  }
  text = text.replace(/(?:’s|'s|’|')?[\s.,;:!?"“”)]*$/u, '');
  return { text, offset };
}

/** A kind for an untyped proper noun, from its own last word or its neighbours; null if none fits. */
function guessKind(name: string, text: string, start: number, end: number, known: Candidate[]): EntityKind | null {
  if (ORG_HEAD_RE.test(name) || /\b(?:Press|News|Times|Programme|Program|Fund|Group|Institute|University|Agency)$/u.test(name)) {
    return 'ORGANIZATION';
  }
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 30);
  // Coordinated with a known place: "Dandong and Donggang".
  const coordinated = known.some(
    (k) =>
      k.entity.kind === 'PLACE' &&
      ((k.end <= start && /^\s*(?:,|and|or)\s*$/u.test(text.slice(k.end, start))) ||
        (k.start >= end && /^\s*(?:,|and|or)\s*$/u.test(text.slice(end, k.start)))),
  );
  if (coordinated) return 'PLACE';
  if (PERSON_CUE.test(before) || /^\s*,?\s*(?:said|says|told)\b/u.test(after)) return 'PERSON';
  if (PLACE_CUE.test(before)) return 'PLACE';
  return null;
}

/** Whether a cleaned proposal at [start, end) can be a name at all (before its kind is known). */
function acceptable(name: string, text: string, start: number, end: number, taken: Candidate[]): boolean {
  if (taken.some((t) => start < t.end && t.start < end)) return false;
  if (!/^\p{Lu}/u.test(name) || name.length < 3) return false;
  // A candidate must start and end on word boundaries ("Jin-" out of "Park Jin-woo" is not a name).
  if (/[\p{L}\p{N}-]/u.test(text.charAt(start - 1)) || /[\p{L}\p{N}-]/u.test(text.charAt(end)) || /-$/.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.every((w) => STOP_PROPER.has(w))) return false;
  if (name in DEMONYMS || DEMONYM_PLURALS.includes(name)) return false;
  // A capitalized word that merely opens a sentence is not a name.
  return !(words.length === 1 && (start === 0 || /[.!?]["”’]?\s+$/u.test(text.slice(0, start))));
}

/** Runs of consecutive proper-noun tokens, with their offsets in the text. */
function properNounRuns(nlp: Nlp, text: string): Array<{ text: string; start: number }> {
  const its = nlp.wink.its;
  const runs: Array<{ text: string; start: number }> = [];
  let cursor = 0;
  const open = { start: -1, end: -1 };
  const flush = () => {
    if (open.start >= 0) runs.push({ text: text.slice(open.start, open.end), start: open.start });
    open.start = -1;
  };
  nlp.wink
    .readDoc(text)
    .tokens()
    .each((token: ItemToken) => {
      const value = token.out();
      const at = text.indexOf(value, cursor);
      if (at < 0) return;
      cursor = at + value.length;
      if (token.out(its.pos) !== 'PROPN') return flush();
      if (open.start < 0) open.start = at;
      open.end = cursor;
    });
  flush();
  return runs;
}

/** Proper nouns as the libraries see them: compromise's typed ones first, then its untyped ones, then wink-nlp's. */
function properNouns(nlp: Nlp, text: string): Array<{ surface: string; kind: EntityKind | null; from: number }> {
  const doc = nlp.compromise(text);
  const typed: Array<[EntityKind, Matches]> = [
    ['PERSON', doc.people()],
    ['PLACE', doc.places()],
    ['ORGANIZATION', doc.organizations()],
  ];
  const out: Array<{ surface: string; kind: EntityKind | null; from: number }> = [];
  for (const [kind, matches] of typed) {
    for (const m of matches.json({ offset: true }) as OffsetMatch[]) out.push({ surface: m.text, kind, from: m.offset.start });
  }
  for (const m of doc.match('#ProperNoun+').json({ offset: true }) as OffsetMatch[]) {
    out.push({ surface: m.text, kind: null, from: m.offset.start });
  }
  for (const run of properNounRuns(nlp, text)) out.push({ surface: run.text, kind: null, from: run.start });
  return out;
}

/** Unknown proper nouns proposed by the NLP libraries, typed by the tagger or by their context. */
export function nlpCandidates(ctx: Context, nlp: Nlp, text: string, taken: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const { surface, kind: guess, from } of properNouns(nlp, text)) {
    for (const part of surface.split(/[—–]/u)) {
      const { text: name, offset } = cleanProposal(part.trim());
      if (!name || seen.has(`${from}:${name}`)) continue;
      const start = text.indexOf(name, from + offset);
      if (start < 0) continue;
      seen.add(`${from}:${name}`);
      const end = start + name.length;
      if (!acceptable(name, text, start, end, taken)) continue;
      const kind = guess ?? guessKind(name, text, start, end, taken);
      if (kind) out.push({ start, end, entity: propose(ctx, kind, name), via: 'nlp', priority: 0 });
    }
  }
  return out;
}
