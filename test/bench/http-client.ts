/**
 * A lean HTTP/1.1 client for load generation: node:http over keep-alive sockets. The global
 * `fetch` (undici) spends about 1.5 ms of CPU per request on this machine, enough to make the
 * load generator, not the server, the bottleneck of a server benchmark on two cores.
 */
import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  body: unknown;
}

export type Send = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string) => Promise<Reply>;

/** A client keeping up to `sockets` connections open to the server. */
export function httpClient(sockets: number): Send {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return (method, url, headers, body) =>
    new Promise<Reply>((resolve, reject) => {
      const req = request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}
