// What there is to translate: every string of the source language, with its current source text,
// a hash of it, and the context a translator needs. Read from the locale files (labels, errors)
// and the database (article titles and paragraphs, entity names).
import type { PrismaClient } from '../generated/prisma/client.js';
import { sha256 } from '../lib/files.js';
import type { Catalog } from './catalog.js';
import { articleNamespace, entityAliasesKey, entityNameKey, paragraphKey } from './keys.js';
import { flatten, type Resource } from './locale-file.js';

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
  /** A paragraph's zero-based position in its article (for mapping legacy position keys). */
  position?: number;
}

/** Label and error strings: every key of the English files. */
function labelUnits(catalog: Catalog): Unit[] {
  const english = catalog.files.get('en') ?? new Map<string, Resource>();
  const units: Unit[] = [];
  for (const namespace of ['common', 'errors', 'desk']) {
    for (const [key, value] of flatten(english.get(namespace) ?? {})) {
      if (typeof value !== 'string') continue;
      const note =
        namespace === 'errors'
          ? `Error message for the code ${key}; keep every {{placeholder}}.`
          : namespace === 'desk'
            ? `The desk's interface text ${key}; keep every {{placeholder}}.`
            : `Label ${key}; keep every {{placeholder}}.`;
      units.push({ namespace, key, source: value, sourceHash: sha256(value), note });
    }
  }
  return units;
}

/** The articles (with their paragraphs and mentions) and the named entities, as units are made from them. */
function readSources(prisma: PrismaClient) {
  return Promise.all([
    prisma.article.findMany({
      orderBy: { id: 'asc' },
      select: {
        slug: true,
        title: true,
        source: true,
        paragraphs: {
          orderBy: { position: 'asc' },
          select: {
            key: true,
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
}

type Sources = Awaited<ReturnType<typeof readSources>>;

function entityUnit(e: Sources[1][number]): Unit {
  const seen = e.articles.map((a) => a.article.slug).join(', ');
  return {
    namespace: 'entities',
    key: entityNameKey(e.key),
    source: e.name,
    sourceHash: sha256(e.name),
    note: `${e.kind} name (entity "${e.key}")${e.aliases.length ? `; English aliases: ${e.aliases.join(', ')}` : ''}; in: ${seen}. Use the standard rendering; add other names under "${entityAliasesKey(e.key)}".`,
  };
}

/** An article's title, then each paragraph with the entities it mentions. */
function articleUnits(a: Sources[0][number]): Unit[] {
  const ns = articleNamespace(a.slug);
  const units: Unit[] = [
    { namespace: ns, key: 'title', source: a.title, sourceHash: sha256(a.title), note: `Headline of "${a.slug}" (${a.source}).` },
  ];
  for (const p of a.paragraphs) {
    const mentioned = [...new Map(p.mentions.map((m) => [m.entity.key, m.entity])).values()];
    const names = mentioned.filter((e) => e.kind !== 'DATE' && e.kind !== 'QUANTITY').map((e) => e.name);
    units.push({
      namespace: ns,
      key: paragraphKey(p.key),
      source: p.text,
      sourceHash: p.textHash,
      note: `"${a.slug}", ${p.kind === 'HEADING' ? 'subheading' : 'paragraph'} ${p.position + 1} of ${a.paragraphs.length}.${names.length ? ` Mentions: ${names.join(', ')}.` : ''}`,
      mentions: mentioned.filter((e) => e.kind !== 'QUANTITY').map((e) => e.key),
      position: p.position,
    });
  }
  return units;
}

/** Every translatable string, in a stable order: labels, errors, entity names, then each article. */
export async function translationUnits(prisma: PrismaClient, catalog: Catalog): Promise<Unit[]> {
  const [articles, entities] = await readSources(prisma);
  return [...labelUnits(catalog), ...entities.map(entityUnit), ...articles.flatMap(articleUnits)];
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const categories = new Map<string, Set<string>>();

/** False for a plural form the language does not use (Korean and Chinese have only `_other`). */
export function appliesTo(unit: Unit, language: string): boolean {
  const m = PLURAL_SUFFIX.exec(unit.key);
  if (!m || (unit.namespace !== 'common' && unit.namespace !== 'desk')) return true;
  let set = categories.get(language);
  if (!set) {
    set = new Set(new Intl.PluralRules(language).resolvedOptions().pluralCategories);
    categories.set(language, set);
  }
  return set.has(m[1] ?? 'other');
}

/** The units that concern one language. */
export const unitsFor = (units: Unit[], language: string) => units.filter((u) => appliesTo(u, language));
