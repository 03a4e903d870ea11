// Front matter is YAML: quotes and escapes mean what YAML says, and only known keys with one value
// each are accepted, every problem a BAD_FRONT_MATTER with the file's line.
import { describe, expect, it } from 'vitest';
import { IngestError } from '../../src/ingest/errors.js';
import { splitFrontMatter } from '../../src/ingest/text.js';

const meta = (front: string) => splitFrontMatter(`---\n${front}\n---\nThe body.`).meta;
const refusal = (front: string) => {
  try {
    splitFrontMatter(`---\n${front}\n---\nThe body.`);
  } catch (err) {
    expect(err).toBeInstanceOf(IngestError);
    return { code: (err as IngestError).code, message: (err as Error).message };
  }
  throw new Error('accepted');
};

describe('front matter', () => {
  it('reads YAML scalars as YAML does: double-quoted escapes, doubled single quotes, comments, numbers', () => {
    expect(meta('title: "Kim says \\"no\\""')).toEqual({ title: 'Kim says "no"' });
    expect(meta("title: 'It''s over'")).toEqual({ title: "It's over" });
    expect(meta('# a comment\nTitle: Plain words, "quoted" inside   \nsource: 38 North')).toEqual({
      title: 'Plain words, "quoted" inside',
      source: '38 North',
    });
    expect(meta('title: 2024')).toEqual({ title: '2024' });
    expect(meta('title: "North Korea: workers sent"\ndate: 2025-10-20').title).toBe('North Korea: workers sent');
    expect(meta('title:\nslug: a-b')).toEqual({ slug: 'a-b' });
  });

  it('refuses what is not one mapping of known keys to single values, at its line', () => {
    expect(refusal('title: North Korea: workers sent')).toEqual({
      code: 'BAD_FRONT_MATTER',
      message: 'front matter line 2: Nested mappings are not allowed in compact mappings (put a value that contains ": " in quotes)',
    });
    expect(refusal('title: a\ntitle: b').message).toBe('front matter line 3: Map keys must be unique');
    expect(refusal('title: [a, b]').message).toBe('front matter line 2: "title" must be one value, not a list or a mapping');
    expect(refusal('slug: a\nauthor: Kim').message).toMatch(/^front matter line 3: unknown key "author" \(known: title, slug/);
    expect(refusal('- a\n- b').message).toBe('front matter line 2 is not "key: value"');
    expect(refusal('title: &t Hello\nsource: *t').message).toBe('front matter line 3: "source" must be one value, not a list or a mapping');
    expect(refusal('title: "never closed').message).toMatch(/^front matter line 2: Missing closing "quote/);
    expect(refusal('date: 2025-02-30').message).toBe('front matter line 2: date "2025-02-30" is not a real date');
  });
});
