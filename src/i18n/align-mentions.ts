// Aligning an original paragraph's entity mentions with the places in a translation that name the
// same entities. Pure: the caller passes the texts, the mentions, each entity's localized names and
// the index of every name the catalog knows (made once per catalog version and language).
//
// The n-th mention of an entity in the original is not always the n-th occurrence of one of its
// names in a translation: a translator names an entity where the original does not (“Chinese
// authorities” → 중국 당국), abbreviates a phrase (“visit to China” → 방중, 访华, 訪中) and orders a
// sentence differently. So, entity by entity:
// - the candidates are the occurrences of its name, aliases and abbreviations that are names in
//   their own right (not glued to a longer word, not part of another entity's longer name there);
// - its mentions are matched to them in order (a monotone alignment, by dynamic programming) so
//   that positions agree best: the same place within the same sentence when both texts have as
//   many sentences, else the same relative place in the paragraph; a visit abbreviation takes only
//   a mention the original frames as a visit;
// - a mention with nothing left that fits is not placed (unlocated), rather than take another's.
// An entity's alignment does not depend on the other entities' mentions (but for the last check,
// that two entities never share a place), so its mentions land in the same places whether placed
// alone (Entity.mentions) or with the whole paragraph.
import type { Language } from './languages.js';

/** An entity's name, alias or other written form, as it may occur in a translation. */
export interface Surface {
  text: string;
  /** An abbreviation of a visit to the entity (방중, 访华, 訪中): it stands for “visit to X”, not for X alone. */
  visit: boolean;
}

/** The entity a group of mentions names: its key and what it may be written as in the translation. */
export interface AlignGroup {
  key: string;
  surfaces: readonly Surface[];
}

/** A mention in the original: where it is, and its entity (an index into the groups). */
export interface SourceMention {
  start: number;
  end: number;
  group: number;
}

/** Where a mention landed in the translation, or null when nothing there corresponds to it. */
export type Span = { start: number; end: number } | null;

/**
 * The first letter of a visit abbreviation: Korean and Chinese shorten “a visit to China” to 방중
 * and 访华 (Taiwan: 訪中), and likewise 방북, 访朝, 訪美.
 */
const VISIT_PREFIX: Partial<Record<Language, string>> = { ko: '방', 'zh-Hans': '访', 'zh-Hant': '訪' };

/**
 * Whether one of an entity's aliases abbreviates a visit to it: two characters, the first the
 * language's “visit”, and not how the entity's own name begins (방콕 is Bangkok).
 */
export function isVisitAbbreviation(alias: string, name: string, language: Language): boolean {
  const prefix = VISIT_PREFIX[language];
  return !!prefix && alias.length === 2 && alias[0] === prefix && !name.startsWith(prefix);
}

/** Every name the catalog knows in one language, to tell a name from a part of a longer one. */
export class KnownNames {
  /** The names by their first character, each with its entity's key. */
  private readonly byFirst = new Map<string, Array<{ key: string; name: string }>>();
  private readonly longest: number;

  constructor(names: ReadonlyArray<{ key: string; name: string }>) {
    let longest = 0;
    for (const n of names) {
      const first = n.name[0] as string;
      const list = this.byFirst.get(first);
      if (list) list.push(n);
      else this.byFirst.set(first, [n]);
      longest = Math.max(longest, n.name.length);
    }
    this.longest = longest;
  }

  /**
   * The other entities' names longer than [start, end) that occur in the text over part or all of
   * it (朝鲜中央通讯社 over 朝鲜, 신의주 세관 over 신의주).
   */
  longerOver(text: string, start: number, end: number, key: string): Array<{ key: string; start: number; end: number }> {
    const out: Array<{ key: string; start: number; end: number }> = [];
    for (let at = Math.max(0, start - this.longest + 1); at < end; at++) {
      const list = this.byFirst.get(text[at] as string);
      if (!list) continue;
      for (const n of list) {
        const to = at + n.name.length;
        if (n.key === key || to <= start || n.name.length <= end - start || !text.startsWith(n.name, at)) continue;
        out.push({ key: n.key, start: at, end: to });
      }
    }
    return out;
  }
}

/** Entity names as locale files give them: { key: { name, aliases } }. */
export function knownNamesOf(entities: Record<string, unknown> | undefined): KnownNames {
  const names: Array<{ key: string; name: string }> = [];
  for (const [key, value] of Object.entries(entities ?? {})) {
    if (!value || typeof value !== 'object') continue;
    const { name, aliases } = value as { name?: unknown; aliases?: unknown };
    const all = [name, ...(Array.isArray(aliases) ? aliases : [])];
    for (const n of all) if (typeof n === 'string' && n.trim() !== '') names.push({ key, name: n });
  }
  return new KnownNames(names);
}

/** Letters and digits a name must not be glued to: a Hangul word, a Latin word, a number (50명 in 150명). */
const HANGUL = /[\uac00-\ud7a3]/;
const LATIN = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const classOf = (ch: string | undefined) => (ch === undefined ? 0 : HANGUL.test(ch) ? 1 : LATIN.test(ch) ? 2 : DIGIT.test(ch) ? 3 : 0);

/**
 * Whether an occurrence starts and ends a word. Korean: a name begins a word (not 방중 in 지방중소기업)
 * but particles follow it (중국에); Latin letters and digits: both ends. Chinese writes no spaces:
 * there a name is told apart from a longer one by the known names alone.
 */
function onWordBoundary(text: string, start: number, end: number): boolean {
  const first = classOf(text[start]);
  if (first !== 0 && classOf(text[start - 1]) === first) return false;
  const last = classOf(text[end - 1]);
  if ((last === 2 || last === 3) && classOf(text[end]) === last) return false;
  return true;
}

interface Occurrence {
  start: number;
  end: number;
  visit: boolean;
}

/** An entity key as a pattern of its English name, which it is made from (sinuiju-customs-office: “Sinuiju customs office”). */
const keyPatterns = new Map<string, RegExp>();
function keyPattern(key: string): RegExp {
  let pattern = keyPatterns.get(key);
  if (!pattern) {
    const words = key.split('-').map((word) => [...word].map((ch) => ch.replace(/[^a-z0-9]/g, '\\$&')).join("[.’']?"));
    pattern = new RegExp(`(?<![A-Za-z0-9])${words.join('[^A-Za-z0-9]+')}(?![A-Za-z0-9])`, 'gi');
    if (keyPatterns.size > 10_000) keyPatterns.clear();
    keyPatterns.set(key, pattern);
  }
  return pattern;
}

/** Whether the original names the entity `key` over one of these mentions (“Sinuiju customs office” over “Sinuiju”). */
function namedOver(source: string, key: string, mentions: ReadonlyArray<{ start: number; end: number }>): boolean {
  const pattern = keyPattern(key);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const from = m.index;
    const to = from + m[0].length;
    if (mentions.some((x) => from <= x.start && x.end <= to && to - from > x.end - x.start)) return true;
  }
  return false;
}

/**
 * Every occurrence of an entity's surfaces in the text that is a name in its own right: not glued
 * to a longer word, not a part of a longer form of the same entity (신의주 in 신의주시), nor under
 * another entity's longer name at the same place (조선 in 조선중앙통신, 中国 in 中国共产党), unless
 * the original names that entity over the mention too (Sinuiju in “Sinuiju customs office”: 신의주
 * in 신의주 세관). It depends on the entity's own mentions alone, so that one entity's mentions are
 * placed alike whether they are placed with the rest of the paragraph's or alone.
 */
function occurrencesOf(
  text: string,
  source: string,
  group: AlignGroup,
  mentions: ReadonlyArray<{ start: number; end: number }>,
  known: KnownNames,
): Occurrence[] {
  const found: Occurrence[] = [];
  const nests = new Map<string, boolean>();
  const mayNestIn = (key: string) => {
    let yes = nests.get(key);
    if (yes === undefined) {
      yes = namedOver(source, key, mentions);
      nests.set(key, yes);
    }
    return yes;
  };
  for (const { text: surface, visit } of group.surfaces) {
    if (!surface) continue;
    for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
      const end = at + surface.length;
      if (!onWordBoundary(text, at, end)) continue;
      const under = known.longerOver(text, at, end, group.key).some((o) => !(o.start <= at && end <= o.end && mayNestIn(o.key)));
      if (!under) found.push({ start: at, end, visit });
    }
  }
  // One entity, one place: a name before a visit abbreviation (访问中国 over 访中 in 出访中国), then the longest.
  found.sort((a, b) => Number(a.visit) - Number(b.visit) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Occurrence[] = [];
  for (const o of found) if (!kept.some((k) => o.start < k.end && k.start < o.end)) kept.push(o);
  return kept.sort((a, b) => a.start - b.start);
}

/** Abbreviations that end an English sentence only when the next word could not begin one. */
const ABBREVIATIONS = new Set(
  'Mr Mrs Ms Dr Prof St Gen Col Lt Sgt Capt Maj Adm Gov Sen Rep Jr Sr Rev Mt No vs etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(
    ' ',
  ),
);
const ENGLISH_END = /[.!?]+["”’')\]]*\s+(?=["“‘([]?[A-Z0-9])/g;
const CJK_END = /(?:[。！？]|[.!?](?=["”’」』）)]*(?:\s|$)))["”’」』）)]*\s*/g;

/** Where each sentence of a paragraph starts (the first at 0). */
function sentenceStarts(text: string, english: boolean): number[] {
  const starts = [0];
  const pattern = english ? ENGLISH_END : CJK_END;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const next = m.index + m[0].length;
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (next >= text.length) break;
    if (english && m[0][0] === '.') {
      const word = /(\S+)$/.exec(text.slice(Math.max(0, m.index - 12), m.index))?.[1] ?? '';
      // U.N. Security Council, Sept. 10, Kim J. Un: not the end of a sentence.
      if (ABBREVIATIONS.has(word) || /^(?:[A-Za-z]\.)+[A-Za-z]?$/.test(word) || /^[A-Z]$/.test(word)) continue;
    }
    starts.push(next);
  }
  return starts;
}

/** Positions in a paragraph on a 0–1 scale: by sentence when both texts have as many, else by character. */
function positioner(text: string, starts: number[], bySentence: boolean): (at: number) => number {
  if (!bySentence) return (at) => at / Math.max(1, text.length);
  const n = starts.length;
  return (at) => {
    let k = n - 1;
    while (k > 0 && (starts[k] as number) > at) k--;
    const from = starts[k] as number;
    const to = k + 1 < n ? (starts[k + 1] as number) : text.length;
    return (k + (at - from) / Math.max(1, to - from)) / n;
  };
}

/** Whether the original speaks of a visit to the entity there: “visit to China”, “visited China”, “Kim’s China trip”. */
function framedAsVisit(source: string, start: number, end: number): boolean {
  const before = source.slice(Math.max(0, start - 24), start);
  if (/\b(?:visit(?:s|ed|ing)?(?:\s+to)?|(?:trip|journey|tour|travel)s?\s+to)\s+(?:the\s+)?$/i.test(before)) return true;
  return /^\s+(?:visit|trip|tour)\b/i.test(source.slice(end, end + 8));
}

/** What leaving a mention unplaced costs: any place that fits better than “anywhere else” is taken. */
const UNPLACED = 1;
/** A mention of a visit placed on the plain name, when no abbreviation is left (중국 방문, 访问中国). */
const VISIT_SPELLED_OUT = 0.1;

/**
 * Matches one entity's mentions (in order) with its occurrences (in order), each occurrence used at
 * most once, at the least total cost: the distance between their positions, or UNPLACED for a
 * mention left out. A visit abbreviation only takes a mention of a visit.
 */
function matchInOrder(mentions: Array<{ at: number; visit: boolean }>, occurrences: Array<{ at: number; visit: boolean }>): number[] {
  const n = mentions.length;
  const m = occurrences.length;
  const width = m + 1;
  const cost = new Float64Array((n + 1) * width);
  // 0: occurrence j-1 unused; 1: mention i-1 unplaced; 2: mention i-1 at occurrence j-1.
  const step = new Uint8Array((n + 1) * width);
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i * UNPLACED;
    step[i * width] = 1;
  }
  for (let i = 1; i <= n; i++) {
    const mention = mentions[i - 1] as { at: number; visit: boolean };
    for (let j = 1; j <= m; j++) {
      const occurrence = occurrences[j - 1] as { at: number; visit: boolean };
      let best = cost[i * width + j - 1] as number;
      let how = 0;
      const skip = (cost[(i - 1) * width + j] as number) + UNPLACED;
      if (skip < best) {
        best = skip;
        how = 1;
      }
      if (!occurrence.visit || mention.visit) {
        const here =
          (cost[(i - 1) * width + j - 1] as number) +
          Math.abs(mention.at - occurrence.at) +
          (mention.visit && !occurrence.visit ? VISIT_SPELLED_OUT : 0);
        if (here < best) {
          best = here;
          how = 2;
        }
      }
      cost[i * width + j] = best;
      step[i * width + j] = how;
    }
  }
  const chosen = new Array<number>(n).fill(-1);
  for (let i = n, j = m; i > 0; ) {
    const how = step[i * width + j];
    if (how === 2) chosen[--i] = --j;
    else if (how === 1) i--;
    else j--;
  }
  return chosen;
}

/**
 * Places every mention of an original paragraph in its translation: the spans, in the order of
 * `mentions`, or null for a mention with no corresponding place.
 */
export function alignMentions(input: {
  source: string;
  target: string;
  mentions: readonly SourceMention[];
  groups: readonly AlignGroup[];
  known: KnownNames;
}): Span[] {
  const { source, target, mentions, groups, known } = input;
  const sourceStarts = sentenceStarts(source, true);
  const targetStarts = sentenceStarts(target, false);
  const bySentence = sourceStarts.length === targetStarts.length && sourceStarts.length > 1;
  const sourceAt = positioner(source, sourceStarts, bySentence);
  const targetAt = positioner(target, targetStarts, bySentence);

  const spans: Span[] = mentions.map(() => null);
  groups.forEach((group, g) => {
    const own: number[] = [];
    mentions.forEach((m, i) => {
      if (m.group === g) own.push(i);
    });
    if (own.length === 0) return;
    own.sort((a, b) => (mentions[a] as SourceMention).start - (mentions[b] as SourceMention).start);
    const occurrences = occurrencesOf(
      target,
      source,
      group,
      own.map((i) => mentions[i] as SourceMention),
      known,
    );
    if (occurrences.length === 0) return;
    const chosen = matchInOrder(
      own.map((i) => {
        const m = mentions[i] as SourceMention;
        return { at: sourceAt((m.start + m.end) / 2), visit: framedAsVisit(source, m.start, m.end) };
      }),
      occurrences.map((o) => ({ at: targetAt((o.start + o.end) / 2), visit: o.visit })),
    );
    chosen.forEach((j, k) => {
      const o = occurrences[j];
      if (o) spans[own[k] as number] = { start: o.start, end: o.end };
    });
  });

  // Two entities never share a place, unless the original nests one in the other: the longer keeps
  // it. (Their names are told apart above; this is for dates, quantities and names in no locale file.)
  const order = spans.map((_, i) => i).filter((i) => spans[i]);
  order.sort((a, b) => {
    const x = spans[a] as { start: number; end: number };
    const y = spans[b] as { start: number; end: number };
    return y.end - y.start - (x.end - x.start) || x.start - y.start;
  });
  const kept: number[] = [];
  for (const i of order) {
    const s = spans[i] as { start: number; end: number };
    const group = (mentions[i] as SourceMention).group;
    const clash = kept.some((k) => {
      const t = spans[k] as { start: number; end: number };
      if (!(s.start < t.end && t.start < s.end)) return false;
      const outer = (mentions[k] as SourceMention).group;
      if (outer === group) return true;
      const nested =
        t.start <= s.start && s.end <= t.end && namedOver(source, (groups[outer] as AlignGroup).key, [mentions[i] as SourceMention]);
      return !nested;
    });
    if (clash) spans[i] = null;
    else kept.push(i);
  }
  return spans;
}
