// zh-Hant as served: every zh-Hans string converted with OpenCC, then what translators wrote in
// zh-Hant on top, key by key.
import { createRequire } from 'node:module';
import { flatten, type Resource } from './locale-file.js';

type Convert = (text: string) => string;
const require = createRequire(import.meta.url);
const OPENCC = 'opencc-js/cn2t';

let toTraditional: Convert | null = null;
let loads = 0;
/**
 * Simplified → Traditional Chinese with Taiwan's character standard, without Taiwan phrase
 * substitution. OpenCC's module and dictionaries (about 30 MB of heap once built) are loaded on
 * the first call and kept until releaseConverter().
 */
export function convertToTraditional(text: string): string {
  if (!toTraditional) {
    const OpenCC = require(OPENCC) as { Converter(options: { from: string; to: string }): Convert };
    toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    loads++;
  }
  return toTraditional(text);
}

/** Lets the dictionaries and the module go: a catalog is converted once per version, then served from memory. */
export function releaseConverter(): void {
  if (!toTraditional) return;
  toTraditional = null;
  delete require.cache[require.resolve(OPENCC)];
}

/** Whether OpenCC's dictionaries are in memory, and how many times they were built (for tests). */
export const converterState = () => ({ loaded: toTraditional !== null, loads });

/** How a zh-Hant key a translator wrote is remembered in `Traditional.overrides`. */
export const overrideKey = (namespace: string, key: string) => `${namespace}\u0000${key}`;

export interface Traditional {
  /** The zh-Hant files to serve, per namespace. */
  files: Map<string, Resource>;
  /** The keys translators wrote in zh-Hant (see overrideKey); the rest is converted. */
  overrides: Set<string>;
}

/**
 * The conversions of the zh-Hans strings this process derived last, whoever asked (the live
 * catalog, a translator's save or check, a command): another derivation of the same files needs
 * no OpenCC, even without a last-good store. It holds the current strings only.
 */
const lastDerived = new Map<string, string>();

/**
 * zh-Hant from the zh-Hans files and the zh-Hant files translators wrote. `known` holds conversions
 * made earlier (zh-Hans → zh-Hant): OpenCC's dictionaries are built only when a string is missing
 * from it and from this process's last derivation. On return it holds exactly the conversions of
 * the current zh-Hans strings.
 */
export function deriveTraditional(
  simplified: Map<string, Resource>,
  written: Map<string, Resource>,
  known: Map<string, string> = new Map(),
): Traditional {
  const files = new Map<string, Resource>();
  const overrides = new Set<string>();
  for (const [ns, data] of written) for (const [key] of flatten(data)) overrides.add(overrideKey(ns, key));
  const used = new Map<string, string>();
  const convert = (text: string) => {
    const converted = known.get(text) ?? lastDerived.get(text) ?? convertToTraditional(text);
    used.set(text, converted);
    return converted;
  };
  // A string a translator wrote in zh-Hant is not converted: its zh-Hans text is replaced below.
  for (const [ns, data] of simplified)
    files.set(
      ns,
      mapStrings(data, convert, (key) => overrides.has(overrideKey(ns, key))),
    );
  releaseConverter();
  known.clear();
  lastDerived.clear();
  for (const [k, v] of used) {
    known.set(k, v);
    lastDerived.set(k, v);
  }
  for (const [ns, data] of written) files.set(ns, deepMerge(files.get(ns) ?? {}, data));
  return { files, overrides };
}

function mapStrings(value: Resource, fn: (s: string) => string, skip: (key: string) => boolean, prefix = ''): Resource {
  const out: Resource = {};
  for (const [k, v] of Object.entries(value)) {
    const key = `${prefix}${k}`;
    if (typeof v === 'string' || Array.isArray(v)) out[k] = skip(key) ? v : typeof v === 'string' ? fn(v) : v.map(fn);
    else out[k] = mapStrings(v, fn, skip, `${key}.`);
  }
  return out;
}

function deepMerge(base: Resource, over: Resource): Resource {
  const out: Resource = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? deepMerge(b, v) : v;
  }
  return out;
}
