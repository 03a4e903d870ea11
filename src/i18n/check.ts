// The checks behind `npm run i18n:check` and `i18n:import`: one problem per line, naming file, key and line.
import { visit } from 'jsonc-parser';
import type { Catalog } from './catalog.js';
import { formatDate, formatDay } from './format.js';
import { entityAliasesKey, entityNameKey } from './keys.js';
import { type Language, TARGET_LANGUAGES } from './languages.js';
import { flatten, type Resource } from './locale-file.js';
import type { Unit } from './units.js';

export interface Problem {
  severity: 'error' | 'warning';
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

/** A translation identical to the English is suspicious when the English has words in it. */
const suspiciouslyEnglish = (source: string, target: string) =>
  source === target && /[A-Za-z]{3,}/.test(source.replace(/\{\{[^}]*\}\}/g, ''));

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

type Report = (severity: Problem['severity'], key: string, message: string) => void;

/** What the checks of one file need to know. */
interface FileCheck {
  input: CheckInput;
  language: Language;
  namespace: string;
  /** The source units, by "namespace:key". */
  units: Map<string, Unit>;
  report: Report;
}

/** Every problem in the translators' files. Errors fail the check; warnings do not. */
export function checkLocales(input: CheckInput): Problem[] {
  const problems: Problem[] = input.catalog.errors.map((e) => ({
    severity: 'error',
    file: e.file,
    line: e.line,
    key: null,
    message: e.message,
  }));
  const units = new Map(input.units.map((u) => [`${u.namespace}:${u.key}`, u]));
  for (const language of input.languages ?? TARGET_LANGUAGES) {
    for (const [namespace, data] of input.catalog.files.get(language) ?? new Map<string, Resource>()) {
      const file = `${language}/${namespace}.json`;
      const lines = keyLines(input.texts.get(file) ?? '');
      const report: Report = (severity, key, message) => problems.push({ severity, file, line: lines.get(key) ?? null, key, message });
      checkFile({ input, language, namespace, units, report }, data);
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
      report(
        'error',
        key,
        `key does not exist in the source language (${namespace.startsWith('articles/') ? 'no such article or paragraph' : `not in en/${namespace}.json or the entities`})`,
      );
    } else if (typeof value !== 'string') {
      report('error', key, 'must be a string');
    } else if (value.trim() === '') {
      report('error', key, 'empty translation (delete the key to mark it missing)');
    } else {
      checkTranslation(check, unit, value);
    }
  }
}

function checkAliases({ input, units, report }: FileCheck, key: string, value: string | string[]): void {
  const entity = key.slice(0, -'.aliases'.length);
  if (!units.has(`entities:${entityNameKey(entity)}`) && !input.entities.has(entity))
    report('error', key, `no entity "${entity}" in the source`);
  if (!Array.isArray(value)) report('error', key, 'aliases must be a list of strings');
  else if (value.some((v) => v.trim() === '')) report('error', key, 'an alias is empty');
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
      key,
      `placeholders differ from the source: expected ${want.map((p) => `{{${p}}}`).join(', ') || 'none'}, found ${got.map((p) => `{{${p}}}`).join(', ') || 'none'}`,
    );
  }
  const balance = unbalanced(value);
  if (balance && !unbalanced(unit.source)) report('error', key, `unbalanced quotes or brackets: ${balance}`);
  if (suspiciouslyEnglish(unit.source, value)) report('warning', key, 'identical to the English source: is it translated?');
  checkGlossary(check, unit, value);
  if (input.catalog.isStale(language, namespace, key, unit.sourceHash)) {
    report('warning', key, 'stale: made from another source text than the current one (review it, then npm run i18n:mark-current)');
  }
}

/** A translation must contain the localized name (or an alias) of every entity its source mentions. */
function checkGlossary({ input, language, report }: FileCheck, unit: Unit, value: string): void {
  for (const entityKey of unit.mentions ?? []) {
    const entity = input.entities.get(entityKey);
    if (!entity) continue;
    const surfaces = surfacesOf(input.catalog, language, entity);
    if (surfaces.length === 0) {
      report('warning', unit.key, `no ${language} name for "${entity.name}" in entities.json: the glossary cannot be checked`);
    } else if (!surfaces.some((s) => value.includes(s))) {
      report(
        'error',
        unit.key,
        `glossary: the source mentions ${entity.name} but the translation has none of ${surfaces.map((s) => `“${s}”`).join(', ')}`,
      );
    }
  }
}

export const formatProblem = (p: Problem) =>
  `${p.file}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${p.key ? `${p.key}: ` : ''}${p.message}`;
