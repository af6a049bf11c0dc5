/**
 * Counts the socket writes (system calls: `_write` and `_writev` of `net.Socket`) of this test
 * worker until `stop()`, those of the sockets `counted` accepts. Tests of the PostgreSQL path
 * hold the number of writes to the database: each one wakes the backend.
 */
import net from 'node:net';

export function countSocketWrites(counted: (socket: object) => boolean = () => true): { writes: () => number; stop: () => void } {
  const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
  const originals = { _write: socket._write, _writev: socket._writev };
  let writes = 0;
  for (const k of ['_write', '_writev'] as const) {
    const original = originals[k];
    socket[k] = function (this: object, ...a: unknown[]) {
      if (counted(this)) writes += 1;
      return original.apply(this, a);
    };
  }
  return { writes: () => writes, stop: () => Object.assign(socket, originals) };
}
