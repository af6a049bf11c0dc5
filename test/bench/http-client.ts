/**
 * A lean HTTP/1.1 client for load generation: one keep-alive socket per request in flight,
 * requests written as text and answers parsed by Content-Length. On two cores the load
 * generator shares the machine with the server it measures, so the less CPU it spends the less
 * it takes from the server (with the global `fetch` the client was the bottleneck); the
 * server benchmark prints its CPU per request.
 */
import { connect, type Socket } from 'node:net';

export interface Reply {
  status: number;
  body: unknown;
}

export type Send = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string) => Promise<Reply>;

interface Pending {
  resolve: (r: Reply) => void;
  reject: (err: Error) => void;
}

/** One keep-alive connection answering one request at a time. */
class Connection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | undefined;
  private ready: Promise<void>;
  /** The socket closed (the server closes keep-alive sockets idle for 5 s): the client opens another. */
  closed = false;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    this.socket.on('error', (err) => this.fail(err));
    this.socket.on('close', () => {
      this.closed = true;
      this.fail(new Error('connection closed by the server'));
    });
  }

  async request(head: string, body: Buffer | undefined): Promise<Reply> {
    await this.ready;
    if (this.pending) throw new Error('one request at a time per connection');
    return new Promise<Reply>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(body ? Buffer.concat([Buffer.from(head), body]) : head);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private drain(): void {
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return this.fail(new Error('chunked answers are not supported by the bench client'));
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    const text = this.buffer.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(end + 4 + length);
    const p = this.pending;
    this.pending = undefined;
    try {
      p.resolve({ status, body: text ? (JSON.parse(text) as unknown) : null });
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private fail(err: Error): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }
}

/** A client keeping up to `sockets` connections open to the server, one request in flight on each. */
export function httpClient(sockets: number): Send & { close: () => void } {
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const send: Send = async (method, url, headers, body) => {
    const u = new URL(url);
    let conn = idle.pop();
    // A socket the server closed while idle (between a benchmark's phases) is replaced.
    while (conn?.closed) {
      all.splice(all.indexOf(conn), 1);
      conn = idle.pop();
    }
    conn ??= all.length < sockets ? new Connection(u.hostname, Number(u.port)) : undefined;
    if (!conn) throw new Error(`more than ${sockets} requests in flight`);
    if (!all.includes(conn)) all.push(conn);
    const payload = body === undefined ? undefined : Buffer.from(body);
    const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Connection: keep-alive'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    if (payload) lines.push(`Content-Length: ${payload.length}`);
    try {
      return await conn.request(`${lines.join('\r\n')}\r\n\r\n`, payload);
    } finally {
      idle.push(conn);
    }
  };
  return Object.assign(send, { close: () => all.forEach((c) => c.close()) });
}
