// What there is to translate: every string of the source language, with its current source text,
// a hash of it, and the context a translator needs. Read from the locale files (labels, errors)
// and the database (article titles and paragraphs, entity names).
import type { PrismaClient } from '../generated/prisma/client.js';
import { sha256 } from '../lib/files.js';
import { type Catalog, flatten, type Resource } from './catalog.js';
import { articleNamespace, entityNameKey, paragraphKey } from './keys.js';

export interface Unit {
  namespace: string;
  key: string;
  source: string;
  /** SHA-256 (hex) of the source text. */
  sourceHash: string;
  /** For a translator: where the string is and what it mentions. */
  note: string;
  /** For the glossary check: keys of the entities the source paragraph mentions. */
  mentions?: string[];
}

/** Label and error strings: every key of the English files. */
function labelUnits(catalog: Catalog): Unit[] {
  const english = catalog.files.get('en') ?? new Map<string, Resource>();
  const units: Unit[] = [];
  for (const namespace of ['common', 'errors']) {
    for (const [key, value] of flatten(english.get(namespace) ?? {})) {
      if (typeof value !== 'string') continue;
      const note =
        namespace === 'errors'
          ? `Error message for the code ${key}; keep every {{placeholder}}.`
          : `Label ${key}; keep every {{placeholder}}.`;
      units.push({ namespace, key, source: value, sourceHash: sha256(value), note });
    }
  }
  return units;
}

/** Every translatable string, in a stable order: labels, errors, entity names, then each article. */
export async function translationUnits(prisma: PrismaClient, catalog: Catalog): Promise<Unit[]> {
  const [articles, entities] = await Promise.all([
    prisma.article.findMany({
      orderBy: { id: 'asc' },
      select: {
        slug: true,
        title: true,
        source: true,
        paragraphs: {
          orderBy: { position: 'asc' },
          select: {
            position: true,
            kind: true,
            text: true,
            textHash: true,
            mentions: { select: { entity: { select: { key: true, name: true, kind: true } } } },
          },
        },
      },
    }),
    prisma.entity.findMany({
      where: { articles: { some: {} }, kind: { notIn: ['DATE', 'QUANTITY'] } },
      orderBy: { key: 'asc' },
      select: { key: true, kind: true, name: true, aliases: true, articles: { take: 3, select: { article: { select: { slug: true } } } } },
    }),
  ]);
  const units = labelUnits(catalog);
  for (const e of entities) {
    const seen = e.articles.map((a) => a.article.slug).join(', ');
    units.push({
      namespace: 'entities',
      key: entityNameKey(e.key),
      source: e.name,
      sourceHash: sha256(e.name),
      note: `${e.kind} name (entity "${e.key}")${e.aliases.length ? `; English aliases: ${e.aliases.join(', ')}` : ''}; in: ${seen}. Use the standard rendering; add other names under "${e.key}.aliases".`,
    });
  }
  for (const a of articles) {
    const ns = articleNamespace(a.slug);
    units.push({
      namespace: ns,
      key: 'title',
      source: a.title,
      sourceHash: sha256(a.title),
      note: `Headline of "${a.slug}" (${a.source}).`,
    });
    for (const p of a.paragraphs) {
      const mentioned = [...new Map(p.mentions.map((m) => [m.entity.key, m.entity])).values()];
      const names = mentioned.filter((e) => e.kind !== 'DATE' && e.kind !== 'QUANTITY').map((e) => e.name);
      units.push({
        namespace: ns,
        key: paragraphKey(p.position),
        source: p.text,
        sourceHash: p.textHash,
        note: `"${a.slug}", ${p.kind === 'HEADING' ? 'subheading' : 'paragraph'} ${p.position + 1} of ${a.paragraphs.length}.${names.length ? ` Mentions: ${names.join(', ')}.` : ''}`,
        mentions: mentioned.filter((e) => e.kind !== 'QUANTITY').map((e) => e.key),
      });
    }
  }
  return units;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const categories = new Map<string, Set<string>>();

/** False for a plural form the language does not use (Korean and Chinese have only `_other`). */
export function appliesTo(unit: Unit, language: string): boolean {
  const m = PLURAL_SUFFIX.exec(unit.key);
  if (!m || unit.namespace !== 'common') return true;
  let set = categories.get(language);
  if (!set) {
    set = new Set(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
    categories.set(language, set);
  }
  return set.has(m[1] ?? 'other');
}

/** The units that concern one language. */
export const unitsFor = (units: Unit[], language: string) => units.filter((u) => appliesTo(u, language));
