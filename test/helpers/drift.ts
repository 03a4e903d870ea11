// Compares a migrated database with prisma/schema.prisma, object by object: enums, tables,
// columns (type, nullability, default), primary keys, unique and plain indexes, foreign keys.
// Prisma's own `migrate diff` needs its native schema engine, which cannot be installed here;
// this check reads the schema through Prisma's WebAssembly schema parser instead.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { SqlRunner } from '../../src/db/client.js';

const require = createRequire(import.meta.url);
const wasm = require('@prisma/prisma-schema-wasm') as { get_dmmf(params: string): string };

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface Dmmf {
  datamodel: {
    enums: Array<{ name: string; values: Array<{ name: string }> }>;
    models: DmmfModel[];
    indexes: Array<{
      model: string;
      type: 'id' | 'unique' | 'normal' | 'fulltext';
      dbName?: string | null;
      fields: Array<{ name: string }>;
    }>;
  };
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const REFERENTIAL: Record<string, string> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetDefault: 'SET DEFAULT',
};
const PG_ACTION: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function defaultKind(field: DmmfField): string {
  if (!field.hasDefaultValue) return 'none';
  const d = field.default as { name?: string } | unknown;
  if (d && typeof d === 'object' && 'name' in d) return `fn:${(d as { name: string }).name}`;
  if (Array.isArray(d)) return `list:${JSON.stringify(d)}`;
  return `value:${String(d)}`;
}

function describeDbDefault(value: string | null): string {
  if (value === null) return 'none';
  if (/^nextval\(/.test(value)) return 'fn:autoincrement';
  if (/^CURRENT_TIMESTAMP$|^now\(\)$/i.test(value)) return 'fn:now';
  if (/^ARRAY\[\]::/.test(value) || value === "'{}'::text[]") return 'list:[]';
  const literal = /^'(.*)'::[\w ."]+$/.exec(value);
  if (literal) return `value:${literal[1]}`;
  return `value:${value}`;
}

/** The structure schema.prisma describes, as sorted lines. */
export function expectedStructure(schemaFile: string): string[] {
  const dmmf = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: fs.readFileSync(schemaFile, 'utf8') }))) as Dmmf;
  const lines: string[] = [];
  const tableOf = new Map(dmmf.datamodel.models.map((m) => [m.name, m.dbName ?? m.name]));
  for (const e of dmmf.datamodel.enums) lines.push(`enum ${e.name} (${e.values.map((v) => v.name).join(', ')})`);
  for (const model of dmmf.datamodel.models) {
    const table = tableOf.get(model.name) ?? model.name;
    const column = (name: string) => model.fields.find((f) => f.name === name)?.dbName ?? name;
    for (const f of model.fields) {
      if (f.kind === 'object') {
        if (!f.relationFromFields?.length) continue;
        const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
        const onUpdate = f.relationOnUpdate ?? 'Cascade';
        const from = f.relationFromFields.map(column);
        lines.push(
          `fk ${table}.${table}_${from.join('_')}_fkey (${from.join(', ')}) -> ${tableOf.get(f.type)}(${(f.relationToFields ?? []).join(', ')}) on delete ${REFERENTIAL[onDelete]} on update ${REFERENTIAL[onUpdate]}`,
        );
        continue;
      }
      const base = f.kind === 'enum' ? `enum:${f.type}` : (SCALAR_TYPES[f.type] ?? f.type);
      const type = f.isList ? `${base}[]` : base;
      const nullable = f.isList || !f.isRequired ? 'null' : 'not null';
      lines.push(`column ${table}.${f.dbName ?? f.name} ${type} ${nullable} default ${defaultKind(f)}`);
    }
    for (const index of dmmf.datamodel.indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((x) => column(x.name));
      const kind = index.type === 'id' ? 'primary' : index.type === 'unique' ? 'unique' : 'index';
      const suffix = index.type === 'id' ? 'pkey' : index.type === 'unique' ? 'key' : 'idx';
      const name = index.dbName ?? (index.type === 'id' ? `${table}_pkey` : `${table}_${cols.join('_')}_${suffix}`);
      lines.push(`${kind} ${table}.${name} (${cols.join(', ')})`);
    }
  }
  return lines.sort();
}

/** The structure the database actually has (Prisma's own bookkeeping table left out), as sorted lines. */
export async function actualStructure(sql: SqlRunner): Promise<string[]> {
  const lines: string[] = [];
  const enums = await sql.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`,
  );
  for (const e of enums) lines.push(`enum ${e.name} (${e.values.join(', ')})`);
  const columns = await sql.query<{
    table: string;
    column: string;
    type: string;
    notnull: boolean;
    default: string | null;
    enum: string | null;
    elem: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
            pg_get_expr(d.adbin, d.adrelid) AS default,
            CASE WHEN t.typtype = 'e' THEN t.typname END AS enum,
            CASE WHEN et.typtype = 'e' THEN et.typname END AS elem
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`,
  );
  for (const c of columns) {
    const type = c.enum ? `enum:${c.enum}` : c.elem ? `enum:${c.elem}[]` : c.type;
    lines.push(`column ${c.table}.${c.column} ${type} ${c.notnull ? 'not null' : 'null'} default ${describeDbDefault(c.default)}`);
  }
  const indexes = await sql.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.relname, ix.indisunique, ix.indisprimary`,
  );
  for (const i of indexes) {
    lines.push(`${i.primary ? 'primary' : i.unique ? 'unique' : 'index'} ${i.table}.${i.name} (${i.columns.join(', ')})`);
  }
  const fks = await sql.query<{ table: string; name: string; from: string[]; target: string; to: string[]; del: string; upd: string }>(
    `SELECT c.relname AS table, con.conname AS name, ft.relname AS target, con.confdeltype AS del, con.confupdtype AS upd,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n) AS from,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(n, ord)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n) AS to
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class ft ON ft.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE con.contype = 'f' AND n.nspname = 'public'`,
  );
  for (const f of fks) {
    lines.push(
      `fk ${f.table}.${f.name} (${f.from.join(', ')}) -> ${f.target}(${f.to.join(', ')}) on delete ${PG_ACTION[f.del]} on update ${PG_ACTION[f.upd]}`,
    );
  }
  const checks = await sql.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, con.conname AS name FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public'
        -- The data-version triggers (migration 20261130120000_data_version) are constraint
        -- triggers by design; test/db/data-version.test.ts checks them.
        AND (con.contype IN ('c', 'x') OR (con.contype = 't' AND con.conname NOT LIKE '%\\_data\\_version'))`,
  );
  for (const c of checks) lines.push(`constraint ${c.table}.${c.name} (not expressible in schema.prisma)`);
  return lines.sort();
}

export interface Drift {
  missing: string[];
  unexpected: string[];
}

export async function drift(sql: SqlRunner, schemaFile: string): Promise<Drift> {
  const expected = expectedStructure(schemaFile);
  const actual = await actualStructure(sql);
  return {
    missing: expected.filter((l) => !actual.includes(l)),
    unexpected: actual.filter((l) => !expected.includes(l)),
  };
}
