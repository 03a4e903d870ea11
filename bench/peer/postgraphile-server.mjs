// PostGraphile 5 (amber preset, schema "public") served by grafserv on node:http: the peer that
// npm run bench:peer measures polyglot-desk against. Plain JavaScript, run by node itself, so the
// measured process carries no TypeScript loader. Env: DATABASE_URL, PORT, HOST.
import { createServer } from 'node:http';

// PostGraphile 5 declares Node >= 22 and calls Promise.withResolvers (Node 22); polyfilled only where missing.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'] })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
await pgl.getSchema();
const port = Number(process.env.PORT ?? 5678);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => console.log(`[postgraphile] listening at http://${host}:${port}/graphql`));

const stop = async () => {
  server.close();
  server.closeIdleConnections();
  await pgl.release();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
