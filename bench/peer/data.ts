// The database of npm run bench:peer: created fresh, migrated and seeded by polyglot-desk itself,
// then grown to ~200 articles by copying the seed article's rows in SQL.
import pg from 'pg';
import { type Expected, SEED_SLUG } from './queries.js';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string, port?: number): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  if (port !== undefined) url.port = String(port);
  return url.toString();
}

export async function createDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`CREATE DATABASE "${name}"`);
}

export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** PIDs of the backends connected to the database. */
export async function backendPids(admin: pg.Client, name: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
  return rows.map((r) => r.pid);
}

/** The table's columns in order, without the serial id: what an INSERT … SELECT copies. */
async function columns(db: pg.Client, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER' AND column_name <> 'id'
     ORDER BY ordinal_position`,
    [table],
  );
  if (!rows.length) throw new Error(`no table "${table}"`);
  return rows.map((r) => r.column_name);
}

/** INSERT INTO table (cols) SELECT <cols, some replaced by expressions> <from>. */
async function copyRows(db: pg.Client, table: string, alias: string, replace: Record<string, string>, from: string, params: unknown[]) {
  const cols = await columns(db, table);
  const list = cols.map((c) => `"${c}"`).join(', ');
  const select = cols.map((c) => replace[c] ?? `${alias}."${c}"`).join(', ');
  const result = await db.query(`INSERT INTO "${table}" (${list}) SELECT ${select} ${from}`, params);
  return result.rowCount ?? 0;
}

export interface CopyReport {
  articles: number;
  paragraphs: number;
  mentions: number;
  articleEntities: number;
}

/**
 * Adds `copies` articles that are the seed article under new slugs (`<slug>-copy-001` …) and ids:
 * its paragraphs (keys kept: they are unique per article), their mentions and its ArticleEntity
 * rows, all pointing at the same entities. One transaction, then ANALYZE.
 */
export async function copySeedArticle(url: string, copies: number): Promise<CopyReport> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    const seed = await db.query<{ id: number }>('SELECT id FROM "Article" WHERE slug = $1', [SEED_SLUG]);
    const seedId = seed.rows[0]?.id;
    if (seedId === undefined) throw new Error(`the seed article ${SEED_SLUG} is not in the database`);
    const prefix = `${SEED_SLUG}-copy-`;
    const articles = await copyRows(
      db,
      'Article',
      'a',
      { slug: `$2::text || lpad(g::text, 3, '0')` },
      `FROM "Article" a CROSS JOIN generate_series(1, $3::int) AS g WHERE a.id = $1 ORDER BY g`,
      [seedId, prefix, copies],
    );
    const copiesOf = 'JOIN "Article" na ON starts_with(na.slug, $2::text)';
    const paragraphs = await copyRows(
      db,
      'Paragraph',
      'p',
      { articleId: 'na.id' },
      `FROM "Paragraph" p ${copiesOf} WHERE p."articleId" = $1`,
      [seedId, prefix],
    );
    const mentions = await copyRows(
      db,
      'Mention',
      'm',
      { paragraphId: 'np.id' },
      `FROM "Mention" m
       JOIN "Paragraph" sp ON sp.id = m."paragraphId" AND sp."articleId" = $1
       ${copiesOf}
       JOIN "Paragraph" np ON np."articleId" = na.id AND np.key = sp.key`,
      [seedId, prefix],
    );
    const articleEntities = await copyRows(
      db,
      'ArticleEntity',
      'ae',
      { articleId: 'na.id' },
      `FROM "ArticleEntity" ae ${copiesOf} WHERE ae."articleId" = $1`,
      [seedId, prefix],
    );
    await db.query('COMMIT');
    await db.query('ANALYZE');
    return { articles, paragraphs, mentions, articleEntities };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await db.end();
  }
}

/** What the checks expect, read from the database. */
export async function expectedAnswers(url: string): Promise<Expected> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const seed = await db.query<{ paragraphs: number; mentions: number }>(
      `SELECT (SELECT count(*)::int FROM "Paragraph" p WHERE p."articleId" = a.id) AS paragraphs,
              (SELECT count(*)::int FROM "Mention" m JOIN "Paragraph" p ON p.id = m."paragraphId" WHERE p."articleId" = a.id) AS mentions
       FROM "Article" a WHERE a.slug = $1`,
      [SEED_SLUG],
    );
    const page = await db.query<{ slug: string; paragraphs: number }>(
      `SELECT a.slug, (SELECT count(*)::int FROM "Paragraph" p WHERE p."articleId" = a.id) AS paragraphs
       FROM "Article" a ORDER BY a.id DESC LIMIT 20`,
    );
    const row = seed.rows[0];
    if (!row) throw new Error(`the seed article ${SEED_SLUG} is not in the database`);
    return { ...row, page: page.rows.map((r) => r.slug), pageParagraphs: page.rows.map((r) => r.paragraphs) };
  } finally {
    await db.end();
  }
}
