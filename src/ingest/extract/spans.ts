// Linear-time helpers for long paragraphs. A check such as `/…\s+$/.test(text.slice(0, i))` or
// `spans.some(overlaps)` costs the length of the text or the number of spans each time it runs,
// which is quadratic over a paragraph of many mentions; these cost the length of the span checked.

/** Which characters of a text are covered by spans already taken. */
export class Coverage {
  private readonly marks: Uint8Array;

  constructor(length: number, spans: Iterable<{ start: number; end: number }> = []) {
    this.marks = new Uint8Array(Math.max(0, length));
    for (const s of spans) this.add(s.start, s.end);
  }

  add(start: number, end: number): void {
    this.marks.fill(1, start, end);
  }

  /** Whether any character of [start, end) is covered. */
  overlaps(start: number, end: number): boolean {
    for (let i = Math.max(0, start); i < end && i < this.marks.length; i++) if (this.marks[i]) return true;
    return false;
  }
}

const SPACE = /\s/u;
const LETTER = /\p{L}/u;

/** Where the run of whitespace that ends at `index` starts (`index` itself when there is none). */
export function spaceStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && SPACE.test(text.charAt(i - 1))) i--;
  return i;
}

/** Where the run of whitespace that starts at `index` ends. */
export function spaceEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && SPACE.test(text.charAt(i))) i++;
  return i;
}

/** How many code units the letter that ends at `index` takes (2 for one outside the BMP), 0 when it is not a letter. */
function letterEndingAt(text: string, index: number): number {
  if (index <= 0) return 0;
  const last = text.charCodeAt(index - 1);
  const high = index >= 2 ? text.charCodeAt(index - 2) : 0;
  const width = last >= 0xdc00 && last <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  return LETTER.test(text.slice(index - width, index)) ? width : 0;
}

/**
 * The whole word (a maximal run of letters) that ends where the whitespace before `index` begins,
 * when there is whitespace there and the word is at most `max` letters; else null. The same as
 * `/(?:^|[^\p{L}])(\p{L}+)\s+$/u` on `text.slice(0, index)`, without reading the text before the word.
 */
export function wordBefore(text: string, index: number, max: number): string | null {
  const end = spaceStart(text, index);
  if (end === index) return null;
  let start = end;
  for (let n = letterEndingAt(text, start); n > 0; n = letterEndingAt(text, start)) {
    start -= n;
    if (end - start > max) return null;
  }
  return start < end ? text.slice(start, end) : null;
}

/** Whether `index` follows a sentence end and whitespace: `/[.!?]["”’]?\s+$/u` on `text.slice(0, index)`. */
export function followsSentenceEnd(text: string, index: number): boolean {
  const i = spaceStart(text, index);
  if (i === index) return false;
  if (i > 0 && /["”’]/u.test(text.charAt(i - 1)) && i > 1 && /[.!?]/u.test(text.charAt(i - 2))) return true;
  return i > 0 && /[.!?]/u.test(text.charAt(i - 1));
}
