// Proposals: proper nouns the gazetteer and the rules did not find, from compromise (typed as
// people, places, organizations) and wink-nlp (untyped, better recall: npm run bench), typed by
// the tagger or by their context. They become proposed entities (confirmed: false) for review.
import type { EntityKind } from '../gazetteer.js';
import type { ItemToken, Nlp } from '../nlp.js';
import { type Candidate, type Context, propose } from './candidates.js';
import { Coverage, followsSentenceEnd, spaceEnd, spaceStart } from './spans.js';
import {
  DEMONYM_PLURALS,
  DEMONYMS,
  EVENT_HEADS,
  isGenericBody,
  ORG_HEADS,
  ORG_NAME_HEADS,
  ORG_ROLES,
  STOP_PROPER,
  TITLE_WORDS,
} from './words.js';

const ORG_HEAD_RE = new RegExp(`(?:${ORG_HEADS})$`, 'i');
const PERSON_CUE = /(?:\b(?:Mr|Ms|Mrs|Dr|President|Premier|Minister|Chairman|General|leader|spokesperson|spokesman|spokeswoman)\.?\s+)$/u;
const PLACE_CUE = /\b(?:in|near|at|from|to|into|outside)\s+$/u;
/** An appositive that says a name is an organization's: ", the joint venture that …", ", a Seoul-based think tank". */
const ORG_APPOSITIVE = new RegExp(
  `^\\s*,\\s+(?:a|an|the)\\s+(?:(?!(?:of|for|at|in|with)\\s)[\\p{L}-]+\\s+){0,3}?(?:${ORG_ROLES})(?![\\p{L}'’]|\\s+of\\s)`,
  'u',
);
/** An organization's word alone ("Court", "Ministry"): no name of its own. */
const LONE_ORG_HEAD = new RegExp(`^(?:${ORG_NAME_HEADS})$`, 'u');

type Matches = { json(options: object): unknown };
type OffsetMatch = { text: string; offset: { start: number } };

/**
 * The NLP libraries read a paragraph in pieces of at most this many characters, cut after a
 * sentence: compromise computes every match's offset over the whole text it was given, so one
 * long text costs the square of its length; pieces keep it linear. Paragraphs up to this length
 * (all of a normal article's) are read whole.
 */
export const NLP_PIECE_CHARS = 3000;

/** A paragraph in pieces for the NLP libraries, each with its offset; cut after a sentence end, else at a space. */
export function nlpPieces(text: string, max = NLP_PIECE_CHARS): Array<{ start: number; text: string }> {
  const pieces: Array<{ start: number; text: string }> = [];
  let start = 0;
  while (text.length - start > max) {
    const window = text.slice(start, start + max);
    let cut = -1;
    for (const m of window.matchAll(/[.!?]["”’)\]]*\s+/gu)) if (m.index > max / 4) cut = m.index + m[0].length;
    if (cut < 0) {
      const space = window.search(/\s\S*$/u);
      cut = space > max / 4 ? space + 1 : max;
    }
    // Never between the two halves of a surrogate pair.
    const code = text.charCodeAt(start + cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push({ start, text: text.slice(start, start + cut) });
    start += cut;
  }
  pieces.push({ start, text: text.slice(start) });
  return pieces;
}

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

/** Where the places already found start and end, to find a name coordinated with one. */
interface PlaceEdges {
  starts: Set<number>;
  ends: Set<number>;
}

const COORDINATORS = [',', 'and', 'or'];

/** Whether a known place ends right before `start` (or starts right after `end`), joined by `/^\s*(?:,|and|or)\s*$/`. */
function coordinatedWithPlace(text: string, start: number, end: number, places: PlaceEdges): boolean {
  const before = spaceStart(text, start);
  const after = spaceEnd(text, end);
  for (const word of COORDINATORS) {
    if (text.endsWith(word, before)) {
      const p = before - word.length;
      for (let e = spaceStart(text, p); e <= p; e++) if (places.ends.has(e)) return true;
    }
    if (text.startsWith(word, after)) {
      const p = after + word.length;
      for (let s = p, last = spaceEnd(text, p); s <= last; s++) if (places.starts.has(s)) return true;
    }
  }
  return false;
}

/** A kind for an untyped proper noun, from its own last word or its neighbours; null if none fits. */
function guessKind(name: string, text: string, start: number, end: number, places: PlaceEdges): EntityKind | null {
  if (ORG_HEAD_RE.test(name) || /\b(?:Press|News|Times|Programme|Program|Fund|Group|Institute|University|Agency)$/u.test(name)) {
    return 'ORGANIZATION';
  }
  const before = text.slice(Math.max(0, start - 30), start);
  const after = text.slice(end, end + 30);
  // Coordinated with a known place: "Dandong and Donggang".
  if (coordinatedWithPlace(text, start, end, places)) return 'PLACE';
  if (PERSON_CUE.test(before) || /^\s*,?\s*(?:said|says|told)\b/u.test(after)) return 'PERSON';
  if (PLACE_CUE.test(before)) return 'PLACE';
  return null;
}

/** "Chiefs of Staff" before "Staff", "Administration of Customs" before "Customs": a name goes on before the span. */
const NAME_GOES_ON_BEFORE = /\p{Lu}[\p{L}'’.-]*\s+(?:of|for)\s+$/u;
/** "General Administration" before " of Customs": a name goes on after the span. */
const NAME_GOES_ON_AFTER = /^\s+(?:of|for|on)\s+(?:the\s+)?\p{Lu}/u;

/** Whether a cleaned proposal at [start, end) can be a name at all (before its kind is known). */
function acceptable(name: string, text: string, start: number, end: number, taken: Coverage): boolean {
  if (taken.overlaps(start, end)) return false;
  if (!/^\p{Lu}/u.test(name) || name.length < 3 || LONE_ORG_HEAD.test(name)) return false;
  // A candidate must start and end on word boundaries ("Jin-" out of "Park Jin-woo" is not a name).
  if (/[\p{L}\p{N}-]/u.test(text.charAt(start - 1)) || /[\p{L}\p{N}-]/u.test(text.charAt(end)) || /-$/.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.every((w) => STOP_PROPER.has(w))) return false;
  if (name in DEMONYMS || DEMONYM_PLURALS.includes(name)) return false;
  // Titles alone ("President", "Foreign Minister") are no names; nor is an event ("Korean War").
  if (words.every((w) => TITLE_WORDS.has(w.replace(/\.$/u, '')))) return false;
  if (EVENT_HEADS.has(words.at(-1) ?? '') || isGenericBody(words)) return false;
  // A nationality and a common noun ("North Korean workers", "Chinese mobile", "Chinese City") describe, not name.
  if (startsWithDemonym(words) && (words.some((w) => !/^\p{Lu}/u.test(w)) || demonymLength(words) === words.length - 1)) return false;
  // A piece of a longer name ("Staff" of "Joint Chiefs of Staff") is not a name of its own.
  if (NAME_GOES_ON_BEFORE.test(text.slice(Math.max(0, start - 40), start)) || NAME_GOES_ON_AFTER.test(text.slice(end, end + 30))) {
    return false;
  }
  // A capitalized word that merely opens a sentence is not a name.
  return !(words.length === 1 && (start === 0 || followsSentenceEnd(text, start)));
}

/** How many of the first words make a nationality ("North Korean" → 2), 0 when none does. */
function demonymLength(words: string[]): number {
  if (`${words[0]} ${words[1]}` in DEMONYMS) return 2;
  return (words[0] ?? '') in DEMONYMS ? 1 : 0;
}
const startsWithDemonym = (words: string[]) => demonymLength(words) > 0;

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
  const covered = new Coverage(text.length, taken);
  const places: PlaceEdges = { starts: new Set(), ends: new Set() };
  for (const k of taken) {
    if (k.entity.kind !== 'PLACE') continue;
    places.starts.add(k.start);
    places.ends.add(k.end);
  }
  for (const piece of nlpPieces(text)) {
    for (const { surface, kind: guess, from: local } of properNouns(nlp, piece.text)) {
      const from = piece.start + local;
      for (const part of surface.split(/[—–]/u)) {
        const { text: name, offset } = cleanProposal(part.trim());
        if (!name || seen.has(`${from}:${name}`)) continue;
        // Looked for in its own piece: a name the libraries reshaped is not searched for through the whole paragraph.
        const at = piece.text.indexOf(name, local + offset);
        if (at < 0) continue;
        const start = piece.start + at;
        seen.add(`${from}:${name}`);
        const end = start + name.length;
        if (!acceptable(name, text, start, end, covered)) continue;
        // An appositive that says "company" outweighs a place's guess (not a person's: "X, the firm's owner").
        const orgByAppositive = guess !== 'PERSON' && ORG_APPOSITIVE.test(text.slice(end, end + 60));
        const kind = orgByAppositive ? 'ORGANIZATION' : (guess ?? guessKind(name, text, start, end, places));
        const entity = kind ? propose(ctx, kind, name) : null;
        if (entity) out.push({ start, end, entity, via: 'nlp', priority: 0 });
      }
    }
  }
  return out;
}
