// The checks behind `npm run i18n:check` and `i18n:import`: one problem per line, naming file, key and line.
import { visit } from 'jsonc-parser';
import type { Catalog } from './catalog.js';
import { formatDate, formatDay } from './format.js';
import { entityAliasesKey, entityNameKey, isArticleNamespace, legacyPosition, paragraphKey, STABLE_PARAGRAPH_KEY } from './keys.js';
import { type Language, TARGET_LANGUAGES } from './languages.js';
import { flatten, type Resource } from './locale-file.js';
import { particleMessage, particleMistakes } from './particles.js';
import type { Unit } from './units.js';

/** What a problem is, for programs (the web page, GraphQL): stable, unlike the message. */
export type ProblemCode =
  /** A file that could not be loaded (invalid JSON, wrong shape, unknown folder or file). */
  | 'LOAD_ERROR'
  /** A key the source language does not have. */
  | 'UNKNOWN_KEY'
  /** A paragraph key from before stable keys (paragraphs.p3): npm run i18n:rekey renames it. */
  | 'LEGACY_KEY'
  /** A translation of a paragraph (or article) that is no longer there: kept, not served. */
  | 'ORPHANED'
  | 'NOT_A_STRING'
  | 'EMPTY'
  | 'PLACEHOLDERS'
  | 'UNBALANCED'
  | 'IDENTICAL_TO_SOURCE'
  | 'GLOSSARY'
  /** The language has no name for an entity the source mentions. */
  | 'GLOSSARY_UNCHECKED'
  | 'STALE'
  /** Aliases of an entity the source does not have. */
  | 'UNKNOWN_ENTITY'
  /** Aliases that are not a list of non-empty strings. */
  | 'BAD_ALIASES'
  /** An alias of one character (俄, 乌): it would match inside other words (乌兰巴托). */
  | 'ALIAS_TOO_SHORT'
  /** An alias that describes the entity with another entity's name (朝鲜领导人金正恩) rather than naming it. */
  | 'ALIAS_DESCRIPTION'
  /** Korean: a particle after an entity's name that does not agree with its final sound (북한가 for 북한이). */
  | 'PARTICLE'
  /** A file of the language is broken: writing into the language would rebuild it from the new keys alone. */
  | 'BROKEN_FILE'
  /** Saving one translation: a language translators do not write. */
  | 'UNSUPPORTED_LANGUAGE'
  /** Saving one translation: a text too long to be one. */
  | 'TOO_LONG';

export interface Problem {
  severity: 'error' | 'warning';
  code: ProblemCode;
  file: string;
  line: number | null;
  key: string | null;
  message: string;
}

export interface GlossaryEntity {
  key: string;
  kind: string;
  name: string;
  dateValue: string | null;
}

/** Line (1-based) of every key path in a JSON text ("paragraphs.p3" → 5), read with jsonc-parser. */
export function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  visit(text, {
    onObjectProperty: (property, _offset, _length, startLine, _startCharacter, pathSupplier) => {
      lines.set([...pathSupplier(), property].join('.'), startLine + 1);
    },
  });
  return lines;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['(', ')'],
  ['（', '）'],
  ['[', ']'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
  ['{', '}'],
];

function unbalanced(text: string): string | null {
  for (const [open, close] of PAIRS) {
    let depth = 0;
    for (const ch of text) {
      if (ch === open) depth++;
      else if (ch === close) depth--;
      if (depth < 0) return `"${close}" closes nothing`;
    }
    if (depth > 0) return `"${open}" is never closed`;
  }
  const straight = (text.match(/"/g) ?? []).length;
  if (straight % 2) return 'an odd number of " quotes';
  return null;
}

/**
 * A translation identical to the English is suspicious when the English has words in it: names
 * written with more than one capital (GraphQL, API, XLIFF) are the same in every language.
 */
const suspiciouslyEnglish = (source: string, target: string) =>
  source === target && /[A-Za-z]{3,}/.test(source.replace(/\{\{[^}]*\}\}/g, '').replace(/\b[A-Za-z]*[A-Z][a-z]*[A-Z][A-Za-z]*\b/g, ''));

function surfacesOf(catalog: Catalog, language: Language, entity: GlossaryEntity): string[] {
  const own = catalog.raw(language, 'entities', entityNameKey(entity.key));
  const aliases = catalog.raw(language, 'entities', entityAliasesKey(entity.key));
  const out = [...(typeof own === 'string' ? [own] : []), ...(Array.isArray(aliases) ? aliases : [])];
  if (entity.kind === 'DATE' && entity.dateValue) {
    const full = formatDate(entity.dateValue, language);
    if (full) out.push(full);
    const day = formatDay(entity.dateValue, language);
    if (day) out.push(day);
  }
  return out.filter(Boolean);
}

export interface CheckInput {
  catalog: Catalog;
  units: Unit[];
  entities: Map<string, GlossaryEntity>;
  /** The text of each locale file ("ko/entities.json" → text), for line numbers. */
  texts: Map<string, string>;
  /** Check only these "namespace:key"s (import); all when absent. */
  only?: Set<string>;
  languages?: Language[];
}

type Report = (severity: Problem['severity'], code: ProblemCode, key: string, message: string) => void;

/** What the checks of one file need to know. */
interface FileCheck {
  input: CheckInput;
  language: Language;
  namespace: string;
  /** The source units, by "namespace:key". */
  units: Map<string, Unit>;
  /** The current paragraphs' keys of each article namespace, by position. */
  paragraphs: Map<string, Map<number, string>>;
  /** Korean: every entity's name and aliases, the names particles must agree with; empty for other languages. */
  particleNames: string[];
  report: Report;
}

/** Each article namespace's paragraph keys by position, from the units. */
function paragraphsByPosition(units: Unit[]): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  for (const u of units) {
    if (!isArticleNamespace(u.namespace)) continue;
    const byPosition = out.get(u.namespace) ?? new Map<number, string>();
    out.set(u.namespace, byPosition);
    if (u.position !== undefined) byPosition.set(u.position, u.key);
  }
  return out;
}

/** Every problem in the translators' files. Errors fail the check; warnings do not. */
export function checkLocales(input: CheckInput): Problem[] {
  const problems: Problem[] = input.catalog.errors.map((e) => ({
    severity: 'error',
    code: 'LOAD_ERROR',
    file: e.file,
    line: e.line,
    key: null,
    message: e.message,
  }));
  const units = new Map(input.units.map((u) => [`${u.namespace}:${u.key}`, u]));
  const paragraphs = paragraphsByPosition(input.units);
  for (const language of input.languages ?? TARGET_LANGUAGES) {
    const particleNames = language === 'ko' ? [...input.entities.values()].flatMap((e) => surfacesOf(input.catalog, language, e)) : [];
    for (const [namespace, data] of input.catalog.files.get(language) ?? new Map<string, Resource>()) {
      const file = `${language}/${namespace}.json`;
      const lines = keyLines(input.texts.get(file) ?? '');
      const report: Report = (severity, code, key, message) =>
        problems.push({ severity, code, file, line: lines.get(key) ?? null, key, message });
      checkFile({ input, language, namespace, units, paragraphs, particleNames, report }, data);
    }
  }
  return problems;
}

function checkFile(check: FileCheck, data: Resource): void {
  const { input, namespace, units, report } = check;
  for (const [key, value] of flatten(data)) {
    const id = `${namespace}:${key}`;
    if (input.only && !input.only.has(id)) continue;
    if (namespace === 'entities' && key.endsWith('.aliases')) {
      checkAliases(check, key, value);
      continue;
    }
    const unit = units.get(id);
    if (!unit) {
      if (isArticleNamespace(namespace)) checkArticleKey(check, key, data);
      else if (isNameOfKnownEntity(check, key)) checkEntityName(check, key, value);
      else report('error', 'UNKNOWN_KEY', key, `key does not exist in the source language (not in en/${namespace}.json or the entities)`);
    } else if (typeof value !== 'string') {
      report('error', 'NOT_A_STRING', key, 'must be a string');
    } else if (value.trim() === '') {
      report('error', 'EMPTY', key, 'empty translation (delete the key to mark it missing)');
    } else {
      checkTranslation(check, unit, value);
    }
  }
}

/**
 * A key of an article namespace that is not the article's title or one of its current paragraphs.
 * It is never served (serving looks up the current paragraphs' keys), and never deleted here:
 * - every key of an article that no longer exists, and a stable paragraph key ("paragraphs.p-…")
 *   the article no longer has, is ORPHANED: a warning, since an editor's change (a paragraph
 *   removed on re-ingest) must not fail the translators' CI; the translator deletes it or reuses
 *   its text;
 * - a position key from before stable keys ("paragraphs.p3") is an error: nothing in the file is
 *   served under it until `npm run i18n:rekey` renames it (or it names no paragraph at all);
 * - anything else is a key the source does not have (an error).
 */
function checkArticleKey({ namespace, paragraphs, report }: FileCheck, key: string, data: Resource): void {
  const article = paragraphs.get(namespace);
  if (!article) {
    report('warning', 'ORPHANED', key, 'orphaned: its article is no longer in the database (not served; delete it)');
    return;
  }
  const position = legacyPosition(key);
  if (position !== null) {
    const current = article.get(position);
    if (current === undefined) {
      report(
        'error',
        'UNKNOWN_KEY',
        key,
        `key does not exist in the source language: a position key from before stable paragraph keys, and the article has no paragraph ${position} (npm run i18n:rekey cannot map it; delete it)`,
      );
    } else {
      const taken = flatten(data).some(([k]) => k === current);
      report(
        'error',
        'LEGACY_KEY',
        key,
        `legacy position key: paragraph ${position + 1} is now "${current}"; ${taken ? `the file already has "${current}": keep one of the two and delete the other` : 'run npm run i18n:rekey to rename position keys to stable keys'}`,
      );
    }
    return;
  }
  if (STABLE_PARAGRAPH_KEY.test(key)) {
    report('warning', 'ORPHANED', key, 'orphaned: its paragraph is no longer in the article (not served; delete it, or reuse its text)');
    return;
  }
  report(
    'error',
    'UNKNOWN_KEY',
    key,
    `key does not exist in the source language (an article has "title" and "${paragraphKey('p-…')}" keys)`,
  );
}

/**
 * The name of an entity that no article mentions (yet) but the database knows, such as every entry
 * of the gazetteer: a unit only once an article mentions it, and until then checked on its own.
 */
const isNameOfKnownEntity = ({ input, namespace }: FileCheck, key: string) =>
  namespace === 'entities' && key.endsWith('.name') && input.entities.has(key.slice(0, -'.name'.length));

function checkEntityName({ report }: FileCheck, key: string, value: string | string[]): void {
  if (typeof value !== 'string') report('error', 'NOT_A_STRING', key, 'must be a string');
  else if (value.trim() === '') report('error', 'EMPTY', key, 'empty translation (delete the key to mark it missing)');
}

function checkAliases(check: FileCheck, key: string, value: string | string[]): void {
  const { input, units, report } = check;
  const entity = key.slice(0, -'.aliases'.length);
  if (!units.has(`entities:${entityNameKey(entity)}`) && !input.entities.has(entity))
    report('error', 'UNKNOWN_ENTITY', key, `no entity "${entity}" in the source`);
  if (!Array.isArray(value)) report('error', 'BAD_ALIASES', key, 'aliases must be a list of strings');
  else if (value.some((v) => v.trim() === '')) report('error', 'BAD_ALIASES', key, 'an alias is empty');
  else checkAliasMatching(check, key, entity, value);
}

/**
 * An alias is matched as a substring of translations, so it must be a name that cannot turn up by
 * chance: not one character (乌 is in 乌兰巴托), and not a description built on another entity's
 * name (朝鲜领导人金正恩 holds 朝鲜, North Korea's name). An alias may add a title or suffix to a
 * name (신의주세관, 金正恩委员长): one that contains another entity's name and is more than
 * DESCRIPTION_MARGIN characters longer than the entity's own name is taken for a description.
 */
function checkAliasMatching({ input, language, units, report }: FileCheck, key: string, entity: string, aliases: string[]): void {
  const nameOf = (k: string) => {
    const name = input.catalog.raw(language, 'entities', entityNameKey(k));
    return typeof name === 'string' ? name.trim().normalize('NFC') : '';
  };
  const own = nameOf(entity);
  const others = entityKeys(input, units)
    .filter((k) => k !== entity)
    .map((k) => ({ key: k, name: nameOf(k) }))
    .filter((o) => o.name !== '' && o.name !== own);
  for (const raw of aliases) {
    const alias = raw.trim().normalize('NFC');
    if (length(alias) === 1) {
      report(
        'error',
        'ALIAS_TOO_SHORT',
        key,
        `alias “${alias}” is one character: it would match inside other words; use a longer name, or delete it`,
      );
      continue;
    }
    const contained = others.filter((o) => alias.includes(o.name));
    const base = own || contained[0]?.name || '';
    const added = length(alias) - length(base);
    if (contained.length && added > DESCRIPTION_MARGIN) {
      const names = contained.map((o) => `“${o.name}” (the name of ${o.key})`).join(', ');
      report(
        'error',
        'ALIAS_DESCRIPTION',
        key,
        `alias “${alias}” is a description, not a name: it contains ${names} and is ${added} characters longer than “${base}” (a title or suffix may add at most ${DESCRIPTION_MARGIN}); delete it, or keep only a name`,
      );
    }
  }
}

/** How many characters an alias may add to the entity's name (a title, a suffix) when it contains another entity's name. */
const DESCRIPTION_MARGIN = 4;
/** Characters as a reader counts them (one Hangul syllable, one Chinese character, one letter). */
const length = (s: string) => [...s].length;

/** Every entity key known: the database's, and those the source names. */
function entityKeys(input: CheckInput, units: Map<string, Unit>): string[] {
  const keys = new Set(input.entities.keys());
  for (const id of units.keys())
    if (id.startsWith('entities:') && id.endsWith('.name')) keys.add(id.slice('entities:'.length, -'.name'.length));
  return [...keys];
}

/** The checks of a non-empty translation against its source: placeholders, brackets, English left, glossary, staleness. */
function checkTranslation(check: FileCheck, unit: Unit, value: string): void {
  const { input, language, namespace, report } = check;
  const key = unit.key;
  const want = placeholders(unit.source);
  const got = placeholders(value);
  if (want.join() !== got.join()) {
    report(
      'error',
      'PLACEHOLDERS',
      key,
      `placeholders differ from the source: expected ${want.map((p) => `{{${p}}}`).join(', ') || 'none'}, found ${got.map((p) => `{{${p}}}`).join(', ') || 'none'}`,
    );
  }
  const balance = unbalanced(value);
  if (balance && !unbalanced(unit.source)) report('error', 'UNBALANCED', key, `unbalanced quotes or brackets: ${balance}`);
  if (suspiciouslyEnglish(unit.source, value))
    report('warning', 'IDENTICAL_TO_SOURCE', key, 'identical to the English source: is it translated?');
  checkGlossary(check, unit, value);
  if (language === 'ko' && namespace !== 'entities') checkParticles(check, unit, value);
  if (input.catalog.isStale(language, namespace, key, unit.sourceHash)) {
    report(
      'warning',
      'STALE',
      key,
      'stale: made from another source text than the current one (review it, then npm run i18n:mark-current)',
    );
  }
}

/** A translation must contain the localized name (or an alias) of every entity its source mentions. */
function checkGlossary({ input, language, report }: FileCheck, unit: Unit, value: string): void {
  for (const entityKey of unit.mentions ?? []) {
    const entity = input.entities.get(entityKey);
    if (!entity) continue;
    const surfaces = surfacesOf(input.catalog, language, entity);
    if (surfaces.length === 0) {
      report(
        'warning',
        'GLOSSARY_UNCHECKED',
        unit.key,
        `no ${language} name for "${entity.name}" in entities.json: the glossary cannot be checked`,
      );
    } else if (!surfaces.some((s) => value.includes(s))) {
      report(
        'error',
        'GLOSSARY',
        unit.key,
        `glossary: the source mentions ${entity.name} but the translation has none of ${surfaces.map((s) => `“${s}”`).join(', ')}`,
      );
    }
  }
}

/** Korean: a particle written directly after an entity's name must agree with the name's final sound (src/i18n/particles.ts). */
function checkParticles({ particleNames, report }: FileCheck, unit: Unit, value: string): void {
  for (const mistake of particleMistakes(value, particleNames)) report('error', 'PARTICLE', unit.key, particleMessage(mistake));
}

export const formatProblem = (p: Problem) =>
  `${p.file}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.key ? `${p.key}: ` : ''}${p.message}`;
