// zh-Hant derived from zh-Hans: strings a translator wrote are not converted, the rest is, and
// OpenCC's dictionaries are released once the catalog version is built.
import { describe, expect, it } from 'vitest';
import { converterState, deriveTraditional } from '../../src/i18n/traditional.js';

describe('zh-Hant derived from zh-Hans', () => {
  it('converts what translators did not write, keeps what they wrote, and releases OpenCC', () => {
    const simplified = new Map([['common', { a: '朝鲜劳务人员', b: { c: '访问中国', d: ['发放签证'] } }]]);
    const written = new Map([['common', { b: { c: '訪中' } }]]);
    const known = new Map<string, string>();
    const loads = converterState().loads;
    const { files, overrides } = deriveTraditional(simplified, written, known);
    expect(files.get('common')).toEqual({ a: '朝鮮勞務人員', b: { c: '訪中', d: ['發放簽證'] } });
    expect([...overrides]).toEqual(['common\u0000b.c']);
    // The written string was never converted, so it is not among the conversions kept.
    expect([...known.keys()].sort()).toEqual(['发放签证', '朝鲜劳务人员']);
    expect(converterState()).toEqual({ loaded: false, loads: loads + 1 });
    // With every conversion known, OpenCC is not needed at all.
    const again = deriveTraditional(simplified, written, known);
    expect(again.files).toEqual(files);
    expect(converterState()).toEqual({ loaded: false, loads: loads + 1 });
    // Nor for a derivation with no conversions at hand (a save's or a command's catalog, with no
    // last-good store): the process remembers its last derivation.
    const bare = deriveTraditional(simplified, written, new Map());
    expect(bare.files).toEqual(files);
    expect(converterState()).toEqual({ loaded: false, loads: loads + 1 });
    // A new string needs OpenCC again, once.
    deriveTraditional(new Map([['common', { a: '朝鲜劳务人员', e: '签证' }]]), written, new Map());
    expect(converterState()).toEqual({ loaded: false, loads: loads + 2 });
  });
});
