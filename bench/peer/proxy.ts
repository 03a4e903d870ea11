// A TCP proxy in front of PostgreSQL that reads the frontend protocol on the way through and counts
// the statements a server sends: Execute ('E', extended protocol) and Query ('Q', simple protocol).
// The startup packet (and an SSL or GSS request before it) has no type byte and is skipped, and so
// are authentication and every other message. Used only in the statement-counting phase: it costs
// CPU in this process, so the throughput runs go straight to PostgreSQL.
import net from 'node:net';

const PROTOCOL_3 = 196608;

export interface Counts {
  /** Execute messages. */
  execute: number;
  /** Simple Query messages. */
  query: number;
  /** Parse messages: a statement prepared (unnamed or named). */
  parse: number;
  /** Connections opened. */
  connections: number;
}

const zero = (): Counts => ({ execute: 0, query: 0, parse: 0, connections: 0 });

/** Follows one client's byte stream message by message without buffering message bodies. */
class FrontendReader {
  private startup = true;
  private header = Buffer.alloc(0);
  private skip = 0;

  constructor(private readonly onMessage: (type: string) => void) {}

  feed(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - offset);
        this.skip -= n;
        offset += n;
        continue;
      }
      // Untyped startup packets: length (4) + code (4). Typed messages: type (1) + length (4).
      const size = this.startup ? 8 : 5;
      const take = Math.min(size - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length < size) continue;
      if (this.startup) {
        const length = this.header.readInt32BE(0);
        if (this.header.readInt32BE(4) === PROTOCOL_3) this.startup = false;
        this.skip = length - 8;
      } else {
        this.onMessage(String.fromCharCode(this.header[0]!));
        this.skip = this.header.readInt32BE(1) - 4;
      }
      this.header = Buffer.alloc(0);
    }
  }
}

export class StatementProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private counts = zero();

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  /** Listens on a free loopback port and returns it. */
  async listen(): Promise<number> {
    const server = net.createServer((client) => this.accept(client));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('statement proxy: no port');
    return address.port;
  }

  /** The counts since the last reset, and a fresh start. */
  take(): Counts {
    const counts = this.counts;
    this.counts = zero();
    return counts;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    this.counts.connections++;
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client).add(upstream);
    const reader = new FrontendReader((type) => {
      if (type === 'E') this.counts.execute++;
      else if (type === 'Q') this.counts.query++;
      else if (type === 'P') this.counts.parse++;
    });
    client.on('data', (chunk: Buffer) => reader.feed(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  }
}
