// The kinds are the database's (prisma/schema.prisma), re-exported for the extractor.
import type { EntityKind } from '../generated/prisma/enums.js';

export type { EntityKind };

/** An entity the extractor already knows, from the database (and so from every earlier ingest). */
export interface KnownEntity {
  key: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  capitalOf?: string | null;
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Word boundaries that treat letters and digits of any script as word characters. */
export const BEFORE = '(?<![\\p{L}\\p{N}_])';
export const AFTER = '(?![\\p{L}\\p{N}_])';

/** An entity a reviewer rejected: never matched, and no proposal is made under its key or any of its names. */
export interface RejectedEntity {
  key: string;
  name: string;
  aliases: string[];
}

/**
 * Every name and alias of the known entities compiled into one case-sensitive alternation,
 * longest first, so "North Pyongan province" wins over "North Pyongan".
 */
export class Gazetteer {
  readonly byKey = new Map<string, KnownEntity>();
  private readonly bySurface = new Map<string, KnownEntity>();
  private readonly pattern: RegExp | null;
  private readonly rejectedKeys = new Set<string>();
  /** The rejected entities' names and aliases, lowercased. */
  private readonly rejectedNames = new Set<string>();

  /** `entities` are matched; `rejected` ones are not, and block proposals of their names (see isRejected). */
  constructor(entities: Iterable<KnownEntity>, rejected: Iterable<RejectedEntity> = []) {
    for (const r of rejected) {
      this.rejectedKeys.add(r.key);
      for (const surface of [r.name, ...r.aliases]) this.rejectedNames.add(surface.toLowerCase());
    }
    for (const entity of entities) {
      this.byKey.set(entity.key, entity);
      for (const surface of [entity.name, ...entity.aliases]) {
        // Dates and quantities are found by rules from their values, not by name.
        if (entity.kind === 'DATE' || entity.kind === 'QUANTITY') continue;
        if (surface.length < 2 || this.bySurface.has(surface)) continue;
        this.bySurface.set(surface, entity);
      }
    }
    const surfaces = [...this.bySurface.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = surfaces.length ? new RegExp(`${BEFORE}(?:${surfaces.join('|')})${AFTER}`, 'gu') : null;
  }

  get size() {
    return this.byKey.size;
  }

  lookup(surface: string): KnownEntity | undefined {
    return this.bySurface.get(surface);
  }

  /** Whether a reviewer rejected this name (any case) or an entity under this key: then it is not proposed again. */
  isRejected(name: string, key?: string): boolean {
    return this.rejectedNames.has(name.toLowerCase()) || (key !== undefined && this.rejectedKeys.has(key));
  }

  *matches(text: string): Generator<{ start: number; end: number; entity: KnownEntity }> {
    if (!this.pattern) return;
    for (const m of text.matchAll(this.pattern)) {
      const entity = this.bySurface.get(m[0]);
      if (!entity) continue;
      yield { start: m.index, end: m.index + m[0].length, entity };
      // A known organization's name may hold a known place ("Sinuiju customs office"): the
      // alternation consumed it, so look inside for it (resolve() keeps such nested places).
      if (entity.kind === 'ORGANIZATION') {
        // Scanning the name less its last (then first) character keeps the full name from matching again.
        const found = new Map<number, { start: number; end: number; entity: KnownEntity }>();
        for (const [offset, part] of [
          [0, m[0].slice(0, -1)],
          [1, m[0].slice(1)],
        ] as const) {
          for (const inner of part.matchAll(this.pattern)) {
            const place = this.bySurface.get(inner[0]);
            const start = m.index + offset + inner.index;
            const end = start + inner[0].length;
            // Only whole words of the full name: "Sinuiju" in "Sinuiju customs office", not "Sinuiju customs offic".
            if (place?.kind === 'PLACE' && !/[\p{L}\p{N}_]/u.test(text.charAt(end)) && !/[\p{L}\p{N}_]/u.test(text.charAt(start - 1))) {
              found.set(start, { start, end, entity: place });
            }
          }
        }
        yield* found.values();
      }
    }
  }
}
