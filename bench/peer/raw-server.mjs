// The raw-pg floor of npm run bench:peer: a node:http server that answers each query shape with ONE
// SQL statement building the whole response in PostgreSQL (json_build_object / json_agg), sent as a
// named prepared statement on a pg.Pool of 20. No GraphQL: the request names the shape and its
// variables, {"operationName":"Q1","variables":{"slug":"…"}}. Plain JavaScript, run by node itself.
// Env: DATABASE_URL, PORT, HOST.
//
// The constant envelope ({"data":{…}}) is concatenated as text: on PostgreSQL 15, wrapping Q2's
// ~70 kB json_agg result in three more json_build_object levels made the statement take 1.6–1.9×
// as long (pgbench, prepared), time a floor should not spend.
import { createServer } from 'node:http';
import pg from 'pg';

/** The seed article with its paragraphs and their mentions, in polyglot-desk's response shape. */
const Q1 = `SELECT '{"data":{"article":' || COALESCE((
  SELECT json_build_object(
    'title', a.title,
    'paragraphs', COALESCE((
      SELECT json_agg(json_build_object(
        'position', p.position, 'kind', p.kind, 'text', p.text,
        'mentions', COALESCE((
          SELECT json_agg(json_build_object(
            'start', m.start, 'end', m."end", 'text', m.text,
            'entity', json_build_object('key', e.key, 'name', e.name, 'kind', e.kind)
          ) ORDER BY m.start, m."end")
          FROM "Mention" m JOIN "Entity" e ON e.id = m."entityId"
          WHERE m."paragraphId" = p.id), '[]'::json)
      ) ORDER BY p.position)
      FROM "Paragraph" p WHERE p."articleId" = a.id), '[]'::json))
  FROM "Article" a WHERE a.slug = $1)::text, 'null') || '}}' AS body`;

/** The newest articles with their paragraphs' text, in polyglot-desk's connection shape. */
const Q2 = `SELECT '{"data":{"articles":{"edges":' || COALESCE((
  SELECT json_agg(json_build_object('node', json_build_object(
    'slug', a.slug, 'title', a.title,
    'paragraphs', COALESCE((
      SELECT json_agg(json_build_object('text', p.text) ORDER BY p.position)
      FROM "Paragraph" p WHERE p."articleId" = a.id), '[]'::json)
  )) ORDER BY a.id DESC)
  FROM (SELECT id, slug, title FROM "Article" ORDER BY id DESC LIMIT $1) a)::text, '[]') || '}}}' AS body`;

const SHAPES = {
  Q1: { name: 'peer_q1', text: Q1, values: (v) => [String(v.slug)] },
  Q2: { name: 'peer_q2', text: Q2, values: (v) => [Math.min(Number(v.first ?? 20), 100)] },
};

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, application_name: 'peer-raw' });

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  if (req.method !== 'POST') return send(res, 405, '{"errors":[{"message":"POST only"}]}');
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const shape = SHAPES[request.operationName];
      if (!shape) return send(res, 400, '{"errors":[{"message":"unknown operationName"}]}');
      const result = await pool.query({ name: shape.name, text: shape.text, values: shape.values(request.variables ?? {}) });
      send(res, 200, result.rows[0].body);
    } catch (err) {
      send(res, 500, JSON.stringify({ errors: [{ message: String(err?.message ?? err) }] }));
    }
  });
});

const port = Number(process.env.PORT ?? 5679);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => console.log(`[raw] listening at http://${host}:${port}/`));

const stop = () => {
  server.close();
  server.closeIdleConnections();
  pool.end().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
