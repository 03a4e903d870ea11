// Korean particles after a name: 은/는, 이/가, 을/를, 과/와, 으로/로, 이랑/랑, 이나/나 take one form
// after a final consonant (batchim) and another after a vowel, and 으로/로 takes 로 after a final ㄹ.
// The check is conservative: it judges only a whole particle written directly after a name, and
// only names whose final sound it knows (a Hangul syllable, a short upper-case abbreviation read
// letter by letter, or a number read in Sino-Korean); anything else is left alone.

/**
 * How a name ends, as a particle hears it:
 * - `vowel`: no final consonant (러시아, 데일리NK read 데일리엔케이);
 * - `batchim`: a final consonant other than ㄹ (북한, 평양, UN read 유엔);
 * - `rieul`: a final ㄹ (서울; L read 엘, R read 알): like `batchim`, except that it takes 로;
 * - `batchim-or-rieul`: a number ending in 1, 7 or 8, read 일/칠/팔 (ㄹ) or in English
 *   (원/세븐/에잇, another consonant): a final consonant for sure, but 으로 and 로 are both accepted.
 */
export type FinalSound = 'vowel' | 'batchim' | 'rieul' | 'batchim-or-rieul';

export interface NameEnding {
  sound: FinalSound;
  /** How the name's last non-Hangul part is read, for the message (NK → 엔케이); absent for Hangul. */
  reading?: string;
}

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** The final-consonant index (jongseong) of ㄹ alone; ㄺ, ㄻ … take 으로 like any other consonant. */
const RIEUL = 8;

const isHangulSyllable = (ch: string | undefined) => {
  const code = ch?.codePointAt(0);
  return code !== undefined && code >= HANGUL_FIRST && code <= HANGUL_LAST;
};

/** A Hangul syllable or jamo: a character that continues a Korean word. */
const CONTINUES_WORD = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uD7B0-\uD7FF]/u;

/** The final sound of one Hangul syllable, from its Unicode code point. */
function syllableSound(ch: string): FinalSound {
  const final = ((ch.codePointAt(0) ?? HANGUL_FIRST) - HANGUL_FIRST) % 28;
  return final === 0 ? 'vowel' : final === RIEUL ? 'rieul' : 'batchim';
}

/**
 * Latin capitals as read in Korean, letter by letter. Z is left out: it is read 제트, 지 or 젯, so
 * its particle cannot be told.
 */
export const LETTER_READINGS: Readonly<Record<string, string>> = {
  A: '에이',
  B: '비',
  C: '씨',
  D: '디',
  E: '이',
  F: '에프',
  G: '지',
  H: '에이치',
  I: '아이',
  J: '제이',
  K: '케이',
  L: '엘',
  M: '엠',
  N: '엔',
  O: '오',
  P: '피',
  Q: '큐',
  R: '알',
  S: '에스',
  T: '티',
  U: '유',
  V: '브이',
  W: '더블유',
  X: '엑스',
  Y: '와이',
};

/**
 * An abbreviation this long or shorter is read letter by letter (NK, UN, KBS); a longer one is
 * often read as a word (NATO 나토, OPEC 오펙, ASEAN 아세안), so its ending is not judged.
 */
const MAX_SPELLED_LETTERS = 3;

/** Sino-Korean digits, as the last digit of a number is read (20 → 이십 ends in 십: see below). */
const DIGIT_READINGS = ['영', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
/** What a number ending in n zeros ends with: 십, 백, 천, 만 …; past 천만 (the next is 억, then 조) it is not judged. */
const ZEROS_READINGS = ['', '십', '백', '천', '만', '십만', '백만', '천만'];

function numberEnding(digits: string): NameEnding | null {
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  if (trailingZeros === digits.length) return { sound: 'batchim', reading: '영' };
  const reading = trailingZeros ? ZEROS_READINGS[trailingZeros] : DIGIT_READINGS[Number(digits.at(-1))];
  if (!reading) return null;
  const sound = syllableSound(reading.at(-1) ?? '');
  return { sound: sound === 'rieul' ? 'batchim-or-rieul' : sound, reading };
}

/**
 * How a text ends, as a particle after it would hear it, or null when that cannot be told for sure
 * (a lower-case or long Latin word, Z, punctuation, Chinese characters …).
 */
export function nameEnding(text: string): NameEnding | null {
  const name = text.normalize('NFC');
  const last = name.at(-1);
  if (last === undefined) return null;
  if (isHangulSyllable(last)) return { sound: syllableSound(last) };
  const number = /[0-9][0-9,]*$/.exec(name)?.[0].replaceAll(',', '');
  if (number) return numberEnding(number);
  const letters = /[A-Za-z]+$/.exec(name)?.[0];
  if (!letters || letters.length > MAX_SPELLED_LETTERS || letters !== letters.toUpperCase()) return null;
  const lastReading = LETTER_READINGS[letters.at(-1) ?? ''];
  if (!lastReading) return null;
  const reading = [...letters].map((l) => LETTER_READINGS[l] ?? l).join('');
  return { sound: syllableSound(lastReading.at(-1) ?? ''), reading };
}

interface Particle {
  /** After a final consonant. */
  batchim: string;
  /** After a vowel. */
  vowel: string;
  /** After a final ㄹ, when not the batchim form (으로/로). */
  rieul?: string;
  /** What may follow the particle within the same word (로서, 과의 …), still making it this particle. */
  followedBy?: string[];
  /**
   * The batchim form is not judged after a vowel: 이나 after a vowel-final name is also the
   * copula 이 with the ending 나 (러시아이나 “it is Russia, but”).
   */
  ambiguousAfterVowel?: boolean;
}

export const PARTICLES: readonly Particle[] = [
  { batchim: '은', vowel: '는' },
  { batchim: '이', vowel: '가' },
  { batchim: '을', vowel: '를' },
  { batchim: '과', vowel: '와', followedBy: ['의', '는', '도', '만'] },
  {
    batchim: '으로',
    vowel: '로',
    rieul: '로',
    followedBy: ['서', '써', '부터', '는', '도', '만', '의', '서는', '서도', '서의', '써는', '부터는', '부터도', '까지'],
  },
  { batchim: '이랑', vowel: '랑', followedBy: ['은', '도', '만'] },
  { batchim: '이나', vowel: '나', ambiguousAfterVowel: true },
];

/** Every form of every particle, longest first, so that 이나 and 이랑 are tried before 이. */
const FORMS = PARTICLES.flatMap((particle) => [particle.batchim, particle.vowel].map((form) => ({ form, particle }))).sort(
  (a, b) => b.form.length - a.form.length,
);

/** The forms a particle may take after a name that ends so. */
function acceptedForms(particle: Particle, sound: FinalSound): string[] {
  switch (sound) {
    case 'vowel':
      return [particle.vowel];
    case 'batchim':
      return [particle.batchim];
    case 'rieul':
      return [particle.rieul ?? particle.batchim];
    case 'batchim-or-rieul':
      return [particle.batchim, particle.rieul ?? particle.batchim];
  }
}

/** True when text ends a word at `at`: the end, or anything but a Hangul letter. */
const endsWord = (text: string, at: number) => at >= text.length || !CONTINUES_WORD.test(text[at] ?? '');

/** The particle written at `at`, as a whole word ending (북한과, 북한과의), or null (북한군, 국가 after 국). */
function particleAt(text: string, at: number): { form: string; particle: Particle } | null {
  for (const candidate of FORMS) {
    if (!text.startsWith(candidate.form, at)) continue;
    const after = at + candidate.form.length;
    // “은(는)”: both forms written on purpose.
    const other = candidate.form === candidate.particle.batchim ? candidate.particle.vowel : candidate.particle.batchim;
    if (text.startsWith(`(${other})`, after)) return null;
    if (endsWord(text, after)) return candidate;
    if ((candidate.particle.followedBy ?? []).some((rest) => text.startsWith(rest, after) && endsWord(text, after + rest.length)))
      return candidate;
  }
  return null;
}

export interface ParticleMistake {
  /** The name as written (the longest of the names ending there). */
  name: string;
  /** Where the particle starts in the text. */
  index: number;
  /** The particle as written. */
  found: string;
  /** The form it should take. */
  expected: string;
  /** How the name's last non-Hangul part is read (NK → 엔케이), when it has one. */
  reading?: string;
}

/**
 * Every particle written directly after one of the names in a Korean text that does not agree with
 * the name's final sound. A name inside a longer name (선천 in 선천군) is not taken for a name
 * followed by a particle, and neither is a name followed by a longer word (북한군, 조선업).
 */
export function particleMistakes(text: string, names: Iterable<string>): ParticleMistake[] {
  const normalized = text.normalize('NFC');
  const occurrences: Array<{ name: string; start: number; end: number }> = [];
  for (const raw of new Set(names)) {
    const name = raw.normalize('NFC');
    if (!name) continue;
    for (let start = normalized.indexOf(name); start !== -1; start = normalized.indexOf(name, start + 1))
      occurrences.push({ name, start, end: start + name.length });
  }
  const mistakes = new Map<number, ParticleMistake>();
  for (const { name, end } of occurrences.sort((a, b) => a.start - b.start)) {
    // Another name runs on past this one's end: what follows is part of that name, not a particle.
    if (occurrences.some((o) => o.start < end && o.end > end)) continue;
    const written = particleAt(normalized, end);
    if (!written) continue;
    const ending = nameEnding(normalized.slice(0, end));
    if (!ending) continue;
    const { form, particle } = written;
    if (ending.sound === 'vowel' && particle.ambiguousAfterVowel && form === particle.batchim) continue;
    const accepted = acceptedForms(particle, ending.sound);
    if (accepted.includes(form)) continue;
    const known = mistakes.get(end);
    if (known && known.name.length >= name.length) continue;
    mistakes.set(end, { name, index: end, found: form, expected: accepted[0] ?? form, reading: ending.reading });
  }
  return [...mistakes.values()].sort((a, b) => a.index - b.index);
}

/** “particle after “북한”: “가” should be “이” (북한이)”. */
export function particleMessage(m: ParticleMistake): string {
  const read = m.reading ? ` (read …${m.reading})` : '';
  return `particle after “${m.name}”${read}: “${m.found}” should be “${m.expected}” (${m.name}${m.expected})`;
}
