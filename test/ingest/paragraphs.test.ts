import { describe, expect, it } from 'vitest';
import type { IngestError } from '../../src/ingest/errors.js';
import { loadNlp } from '../../src/ingest/nlp.js';
import { decodeText, deriveHeadline, looksLikeHeading, parseArticle, splitFrontMatter, splitParagraphs } from '../../src/ingest/text.js';

// parseArticle() and extractEntities() use the NLP libraries once they are loaded (ingestText() loads them).
await loadNlp();

const texts = (body: string) => splitParagraphs(body).map((p) => p.text);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as IngestError).code;
  }
  return 'no error';
};

describe('paragraph splitting', () => {
  it('splits LF, CRLF, CR and Unicode separators alike', () => {
    const expected = ['First one here.', 'Second one.', 'Third.'];
    expect(texts('First one here.\nSecond one.\nThird.')).toEqual(expected);
    expect(texts('First one here.\r\nSecond one.\r\nThird.')).toEqual(expected);
    expect(texts('First one here.\rSecond one.\rThird.')).toEqual(expected);
    expect(texts('First one here.\u2028Second one.\u2029Third.')).toEqual(expected);
  });

  it('drops blank lines, trailing blank lines and stray whitespace at line ends, keeping inner text exact', () => {
    expect(texts('\n\n  “Quoted,”  she said.\t \n\n\n \u00a0\nNext —  spaced.  \n\n\n\n')).toEqual([
      '“Quoted,”  she said.',
      'Next —  spaced.',
    ]);
  });

  it('detects a short line without final punctuation as a heading, and nothing else', () => {
    expect(looksLikeHeading('Signs of warming relations')).toBe(true);
    expect(looksLikeHeading('The workers left on Sept. 7.')).toBe(false);
    expect(looksLikeHeading('“It is reasonable,” the source said')).toBe(true);
    expect(looksLikeHeading('“The workers will handle unskilled labor,” the source said.')).toBe(false);
    expect(looksLikeHeading('lowercase start without a period')).toBe(false);
    expect(looksLikeHeading('A very long line that has no final punctuation but goes on and on for many words indeed')).toBe(false);
    const kinds = splitParagraphs('Body sentence one.\nSigns of warming relations\nBody two.').map((p) => p.kind);
    expect(kinds).toEqual(['BODY', 'HEADING', 'BODY']);
  });
});

describe('decoding', () => {
  it('drops a byte-order mark and accepts UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('김정은 visited.')]);
    expect(decodeText(bytes)).toBe('김정은 visited.');
  });
  it('refuses empty files, binary data and invalid UTF-8 with a reason', () => {
    expect(code(() => decodeText(new Uint8Array()))).toBe('EMPTY');
    expect(code(() => decodeText(new Uint8Array([0x48, 0x00, 0x49])))).toBe('BINARY');
    expect(code(() => decodeText(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 65])))).toBe('BINARY');
    expect(() => decodeText(new Uint8Array([0x41, 0x42, 0xc3, 0x28]))).toThrow(/not valid UTF-8 \(first bad byte at offset 2\)/);
  });
});

describe('front matter', () => {
  it('reads title, slug, source, url, date and language', () => {
    const { meta, body } = splitFrontMatter(
      '---\ntitle: A “quoted” title\nslug: my-story\nsource: Daily NK\nurl: https://example.org/a\ndate: 2025-09-16\nlanguage: en-US\n---\nBody.',
    );
    expect(meta).toEqual({
      title: 'A “quoted” title',
      slug: 'my-story',
      source: 'Daily NK',
      url: 'https://example.org/a',
      date: new Date('2025-09-16T00:00:00Z'),
      language: 'en-US',
    });
    expect(body).toBe('Body.');
  });
  it.each([
    ['---\ntitle: x\nBody.', /never closed/],
    ['---\nauthor: someone\n---\nBody.', /unknown key "author"/],
    ['---\nslug: Not A Slug\n---\nBody.', /slug/],
    ['---\nurl: javascript:alert(1)\n---\nBody.', /http or https/],
    ['---\ndate: 16/09/2025\n---\nBody.', /ISO 8601/],
    ['---\ndate: 2025-02-30\n---\nBody.', /not a real date|ISO/],
    ['---\nlanguage: ko\n---\nBody.', /cannot be ingested yet/],
    ['---\nlanguage: not a tag!\n---\nBody.', /BCP 47/],
    ['---\njust words\n---\nBody.', /not "key: value"/],
  ])('refuses %j', (text, message) => {
    expect(() => splitFrontMatter(text)).toThrow(message);
  });
});

describe('titles and slugs', () => {
  it('derives an editor’s headline from the lede when no title is given, and says so', () => {
    const article = parseArticle(
      'North Korea has sent more migrant workers to China following Kim Jong Un’s recent visit. More text.\nSecond paragraph.',
    );
    expect(article.title).toBe('North Korea sends more migrant workers to China after Kim Jong Un’s recent visit');
    expect(article.titleOrigin).toBe('derived');
    expect(article.slug).toBe('north-korea-sends-more-migrant-workers-to-china-after-kim-jong-uns-recent-visit');
  });
  it('shortens a long lede at a phrase boundary', () => {
    const h = deriveHeadline(
      'The North Korean regime has long relied on sending workers overseas to earn the foreign currency needed to sustain the regime, with China serving as the biggest market.',
    );
    expect(h.length).toBeLessThanOrEqual(90);
    expect(h).not.toMatch(/[.,;:]$/);
    expect(h.startsWith('The North Korean regime')).toBe(true);
  });
  it('takes a heading-like first line as the title', () => {
    const article = parseArticle('Workers sent to Dandong\nThree groups left on Sept. 10.\nThey arrived.');
    expect(article.title).toBe('Workers sent to Dandong');
    expect(article.titleOrigin).toBe('first-line');
    expect(article.paragraphs.map((p) => p.position)).toEqual([0, 1]);
  });
  it('prefers the front matter slug, then the file name', () => {
    expect(parseArticle('---\nslug: given\n---\nText here.', { fileName: 'file.txt' }).slug).toBe('given');
    expect(parseArticle('Text here.', { fileName: 'My File_02.txt' }).slug).toBe('my-file-02');
  });
  it('refuses a body with nothing but whitespace or front matter', () => {
    expect(code(() => parseArticle(' \n\t\r\n  '))).toBe('EMPTY');
    expect(code(() => parseArticle('---\ntitle: Only a title\n---\n\n'))).toBe('EMPTY');
  });
  it('hashes content so that any change of text or metadata changes it, and nothing else does', () => {
    const a = parseArticle('---\nslug: s\n---\nOne.\nTwo.');
    expect(parseArticle('---\nslug: s\n---\r\nOne.  \r\n\r\nTwo.\r\n\r\n').contentHash).toBe(a.contentHash);
    expect(parseArticle('---\nslug: s\n---\nOne.\nTwo!').contentHash).not.toBe(a.contentHash);
    expect(parseArticle('---\nslug: s\nsource: X\n---\nOne.\nTwo.').contentHash).not.toBe(a.contentHash);
  });
});
