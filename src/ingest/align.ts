// Re-ingest keeps each paragraph's identity (its id and its key, which locale files use) with the
// paragraph it belongs to, wherever it moved. Old and new paragraphs are aligned by content:
// 1. the same text in the same order: the common beginning and end, then the longest common
//    subsequence of the rest (so a paragraph inserted, removed or edited leaves the others, and two
//    identical paragraphs, matched in their order);
// 2. the same text elsewhere (a move), in order of appearance;
// 3. for what is left, the most similar old paragraph (an edit), above EDIT_SIMILARITY.
// What stays unmatched is removed (old) or added (new). Every step is linear or n·log n in the
// number of paragraphs, except the subsequence, which is bounded (LCS_CELLS) and skipped beyond.

/** The words of a text, lowercased, as a set. */
const wordSet = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function dice(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** The share of words two texts have in common (Dice coefficient over word sets), 0 to 1. */
export function similarity(a: string, b: string): number {
  return dice(wordSet(a), wordSet(b));
}

/** Below this, an unmatched new paragraph is a new paragraph, not an edit of an old one. */
export const EDIT_SIMILARITY = 0.5;
/** The largest middle part (old × new paragraphs) aligned by longest common subsequence. */
const LCS_CELLS = 1_000_000;
/** A word in more unmatched old paragraphs than this says too little to find an edit's origin by. */
const POSTINGS_MAX = 64;
/** An edit is also looked for among the old paragraphs this near where the new one would be. */
const NEAR = 16;

export interface Alignable {
  position: number;
  text: string;
  textHash: string;
}

/** Pairs equal hashes of old[o0..o1) and next[n0..n1) along a longest common subsequence. */
function lcs(old: Alignable[], next: Alignable[], o0: number, o1: number, n0: number, n1: number, matched: Array<number | null>): void {
  const rows = o1 - o0;
  const cols = n1 - n0;
  if (rows === 0 || cols === 0 || rows * cols > LCS_CELLS) return;
  // table[i][j]: the LCS length of old[o0+i..o1) and next[n0+j..n1).
  const width = cols + 1;
  const table = new Int32Array((rows + 1) * width);
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      table[i * width + j] =
        old[o0 + i]?.textHash === next[n0 + j]?.textHash
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * width + j] ?? 0, table[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (old[o0 + i]?.textHash === next[n0 + j]?.textHash) {
      matched[n0 + j] = o0 + i;
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)) i++;
    else j++;
  }
}

/**
 * For each new paragraph, the index of the old paragraph it continues, or null when it is new.
 * Every old index appears at most once.
 */
export function alignParagraphs(old: Alignable[], next: Alignable[]): Array<number | null> {
  const matched: Array<number | null> = next.map(() => null);
  matchInOrder(old, next, matched);
  const used = new Set<number>(matched.filter((i) => i !== null));
  matchMoved(old, next, matched, used);
  matchEdits(old, next, matched, used);
  return matched;
}

/** 1. The same text in the same order: common head and tail, then a longest common subsequence. */
function matchInOrder(old: Alignable[], next: Alignable[], matched: Array<number | null>): void {
  let head = 0;
  while (head < old.length && head < next.length && old[head]?.textHash === next[head]?.textHash) {
    matched[head] = head;
    head++;
  }
  let tail = 0;
  while (
    tail < old.length - head &&
    tail < next.length - head &&
    old[old.length - 1 - tail]?.textHash === next[next.length - 1 - tail]?.textHash
  ) {
    matched[next.length - 1 - tail] = old.length - 1 - tail;
    tail++;
  }
  lcs(old, next, head, old.length - tail, head, next.length - tail, matched);
}

/** 2. The same text elsewhere: a move (repeated texts paired in their order). */
function matchMoved(old: Alignable[], next: Alignable[], matched: Array<number | null>, used: Set<number>): void {
  const byHash = new Map<string, number[]>();
  old.forEach((p, i) => {
    if (used.has(i)) return;
    const list = byHash.get(p.textHash);
    if (list) list.push(i);
    else byHash.set(p.textHash, [i]);
  });
  const cursor = new Map<string, number>();
  next.forEach((p, j) => {
    if (matched[j] !== null) return;
    const list = byHash.get(p.textHash);
    const n = cursor.get(p.textHash) ?? 0;
    const i = list?.[n];
    if (i === undefined) return;
    cursor.set(p.textHash, n + 1);
    matched[j] = i;
    used.add(i);
  });
}

/**
 * Where each unmatched new paragraph would sit among the old ones: after the nearest matched one
 * before it, else before the nearest matched one after it.
 */
function anchors(next: Alignable[], matched: Array<number | null>): number[] {
  const anchor: number[] = next.map((_, j) => j);
  const anchored: boolean[] = next.map(() => false);
  let last: { i: number; j: number } | null = null;
  for (let j = 0; j < next.length; j++) {
    const i = matched[j] ?? null;
    if (i !== null) last = { i, j };
    else if (last) {
      anchor[j] = last.i + (j - last.j);
      anchored[j] = true;
    }
  }
  let first: { i: number; j: number } | null = null;
  for (let j = next.length - 1; j >= 0; j--) {
    const i = matched[j] ?? null;
    if (i !== null) first = { i, j };
    else if (first && !anchored[j]) anchor[j] = first.i - (first.j - j);
  }
  return anchor;
}

/**
 * 3. Edits: the most similar pairs first, each above the threshold. Candidates are the old
 * paragraphs near where the new one would be and those that share a word few old paragraphs have,
 * so that an article of thousands of paragraphs is not compared pairwise (all are, below
 * POSTINGS_MAX paragraphs).
 */
function matchEdits(old: Alignable[], next: Alignable[], matched: Array<number | null>, used: Set<number>): void {
  const anchor = anchors(next, matched);
  const oldWords = new Map<number, Set<string>>();
  const postings = new Map<string, number[]>();
  old.forEach((o, i) => {
    if (used.has(i)) return;
    const words = wordSet(o.text);
    oldWords.set(i, words);
    for (const w of words) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  if (oldWords.size === 0) return;
  // Texts without words (only punctuation) are alike only to one another.
  const wordless = [...oldWords].filter(([, w]) => w.size === 0).map(([i]) => i);
  const pairs: Array<{ i: number; j: number; score: number }> = [];
  next.forEach((p, j) => {
    if (matched[j] !== null) return;
    const words = wordSet(p.text);
    const candidates = new Set<number>();
    for (const w of words) {
      const list = postings.get(w);
      if (list && list.length <= POSTINGS_MAX) for (const i of list) candidates.add(i);
    }
    if (words.size === 0 && wordless.length <= POSTINGS_MAX) for (const i of wordless) candidates.add(i);
    const at = anchor[j] ?? j;
    for (let i = Math.max(0, at - NEAR); i <= at + NEAR && i < old.length; i++) if (oldWords.has(i)) candidates.add(i);
    for (const i of candidates) {
      const score = dice(oldWords.get(i) ?? new Set(), words);
      if (score >= EDIT_SIMILARITY) pairs.push({ i, j, score });
    }
  });
  const distance = (p: { i: number; j: number }) => Math.abs(p.i - (anchor[p.j] ?? p.j));
  pairs.sort((a, b) => b.score - a.score || distance(a) - distance(b) || a.j - b.j);
  for (const { i, j } of pairs) {
    if (matched[j] !== null || used.has(i)) continue;
    matched[j] = i;
    used.add(i);
  }
}

/**
 * The new paragraphs that kept their order relative to one another: a longest run of matched
 * paragraphs whose old indices increase. The other matched ones moved.
 */
export function keptInOrder(matched: Array<number | null>): Set<number> {
  // Patience sorting: tails[k] is the index j ending the best increasing run of length k + 1.
  const tails: number[] = [];
  const previous = new Map<number, number>();
  matched.forEach((i, j) => {
    if (i === null) return;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((matched[tails[mid] ?? 0] ?? 0) < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous.set(j, tails[lo - 1] ?? -1);
    tails[lo] = j;
  });
  const inOrder = new Set<number>();
  for (let j = tails.at(-1); j !== undefined && j >= 0; j = previous.get(j)) inOrder.add(j);
  return inOrder;
}

/** A new paragraph's key: "p-" and 8 hex digits of its text's hash, "-2", "-3" … when taken in the article. */
export function paragraphKeyFor(textHash: string, taken: Set<string>): string {
  const base = `p-${textHash.slice(0, 8)}`;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}
