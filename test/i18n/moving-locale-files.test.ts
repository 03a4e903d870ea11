import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalog, LastGoodStore } from '../../src/i18n/catalog.js';
import { useCatalog } from '../../src/i18n/current.js';
import { watchLocales } from '../../src/i18n/watch.js';
import { createApp } from '../../src/yoga.js';
import { useTestDatabase } from '../helpers/db.js';
import { gql } from '../helpers/gql.js';
import { copyLocales, saveByRename } from '../helpers/locales.js';

useTestDatabase({ seedCorpus: true });
const yoga = createApp();

describe('the locale loader and watcher under moving files', () => {
  it('reports a locale file that vanished while being read by its name, and status still answers', async () => {
    const copy = copyLocales();
    try {
      // A dangling link is listed like a file and fails to read, as a file deleted mid-reload does.
      fs.symlinkSync(path.join(copy.root, 'no-such-file.json'), path.join(copy.root, 'ko', 'articles', 'ghost.json'));
      const catalog = Catalog.load(copy.root);
      expect(catalog.errors).toEqual([{ file: 'ko/articles/ghost.json', line: null, message: 'cannot read the file (ENOENT)' }]);
      useCatalog(catalog);
      const res = await gql(yoga, '{ translationStatus(lang: "ko") { errors { file line message } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data?.translationStatus.errors).toEqual([
        { file: 'ko/articles/ghost.json', line: null, message: 'cannot read the file (ENOENT)' },
      ]);
    } finally {
      copy.remove();
      useCatalog(Catalog.load());
    }
  });

  it('keeps watching a language folder that was moved aside and copied back', async () => {
    const copy = copyLocales();
    const lastGood = fs.mkdtempSync(path.join(os.tmpdir(), 'pgdesk-lg-'));
    const store = new LastGoodStore(lastGood);
    useCatalog(Catalog.load(copy.root, { lastGood: store }));
    const watcher = watchLocales(copy.root, { lastGood: store, log: () => {} });
    try {
      fs.renameSync(path.join(copy.root, 'ko'), path.join(copy.root, '.ko-aside'));
      fs.cpSync(path.join(copy.root, '.ko-aside'), path.join(copy.root, 'ko'), { recursive: true });
      await watcher.reloaded();
      const file = path.join(copy.root, 'ko', 'common.json');
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      data.entityKind.PERSON = '사람';
      saveByRename(file, `${JSON.stringify(data, null, 2)}\n`);
      const deadline = Date.now() + 1000;
      let label = '';
      while (Date.now() < deadline) {
        label = (await gql(yoga, '{ entity(key: "kim-jong-un") { kindLabel(lang: "ko") } }')).data?.entity.kindLabel;
        if (label === '사람') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(label).toBe('사람');
    } finally {
      watcher.close();
      copy.remove();
      fs.rmSync(lastGood, { recursive: true, force: true });
      useCatalog(Catalog.load());
    }
  });
});
