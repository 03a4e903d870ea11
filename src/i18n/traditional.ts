// zh-Hant as served: every zh-Hans string converted with OpenCC, then what translators wrote in
// zh-Hant on top, key by key.
import * as OpenCC from 'opencc-js/cn2t';
import { flatten, type Resource } from './locale-file.js';

let toTraditional: ((text: string) => string) | null = null;
/** Simplified → Traditional Chinese with Taiwan's character standard, without Taiwan phrase substitution. */
export function convertToTraditional(text: string): string {
  const convert = toTraditional ?? OpenCC.Converter({ from: 'cn', to: 'tw' });
  toTraditional = convert;
  return convert(text);
}

/** How a zh-Hant key a translator wrote is remembered in `Traditional.overrides`. */
export const overrideKey = (namespace: string, key: string) => `${namespace}\u0000${key}`;

export interface Traditional {
  /** The zh-Hant files to serve, per namespace. */
  files: Map<string, Resource>;
  /** The keys translators wrote in zh-Hant (see overrideKey); the rest is converted. */
  overrides: Set<string>;
}

/**
 * zh-Hant from the zh-Hans files and the zh-Hant files translators wrote. `known` holds conversions
 * made earlier (zh-Hans → zh-Hant): OpenCC's dictionaries (about 70 MB) are built only when a string
 * is missing from it. On return it holds exactly the conversions of the current zh-Hans strings.
 */
export function deriveTraditional(
  simplified: Map<string, Resource>,
  written: Map<string, Resource>,
  known: Map<string, string> = new Map(),
): Traditional {
  const files = new Map<string, Resource>();
  const overrides = new Set<string>();
  const used = new Map<string, string>();
  const convert = (text: string) => {
    const converted = known.get(text) ?? convertToTraditional(text);
    used.set(text, converted);
    return converted;
  };
  for (const [ns, data] of simplified) files.set(ns, mapStrings(data, convert));
  known.clear();
  for (const [k, v] of used) known.set(k, v);
  for (const [ns, data] of written) {
    for (const [key] of flatten(data)) overrides.add(overrideKey(ns, key));
    files.set(ns, deepMerge(files.get(ns) ?? {}, data));
  }
  return { files, overrides };
}

function mapStrings(value: Resource, fn: (s: string) => string): Resource {
  const out: Resource = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = typeof v === 'string' ? fn(v) : Array.isArray(v) ? v.map(fn) : mapStrings(v, fn);
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
