export type EntityKind = 'PERSON' | 'PLACE' | 'ORGANIZATION' | 'DATE' | 'QUANTITY';

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

/**
 * Every name and alias of the known entities compiled into one case-sensitive alternation,
 * longest first, so "North Pyongan province" wins over "North Pyongan".
 */
export class Gazetteer {
  readonly byKey = new Map<string, KnownEntity>();
  private readonly bySurface = new Map<string, KnownEntity>();
  private readonly pattern: RegExp | null;

  constructor(entities: Iterable<KnownEntity>) {
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

  *matches(text: string): Generator<{ start: number; end: number; entity: KnownEntity }> {
    if (!this.pattern) return;
    for (const m of text.matchAll(this.pattern)) {
      const entity = this.bySurface.get(m[0]);
      if (entity) yield { start: m.index, end: m.index + m[0].length, entity };
    }
  }
}
