/**
 * The statements of a filing and of an action, on SQLite and PostgreSQL: the server of the
 * server benchmark files and advances cases one request at a time (verify, then sign), and
 * every statement sent to the database is counted per request, with its mean time on SQLite
 * (better-sqlite3 runs a statement synchronously, so its time is its CPU; PostgreSQL's
 * pipelined statements have no time of their own, and only their count is printed). This is
 * the list `docs/server.md` keeps before and after each change of the database side (issue 16,
 * item 4). BENCH_STATEMENT_CASES (default 200) sets how many cases are measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import pg from 'pg';
import type { Database } from '../../server/src';
import { POPULATION_RECORD } from '../../server/test/fixtures';
import { startBenchServer } from './bench-server';
import { benchDatabases } from './measure';
import { statementKey, traceSqlite } from './sqlite-trace';

const CASES = Number(process.env.BENCH_STATEMENT_CASES ?? 200);
const WARMUP = 20;

/** Per statement text: how many times it ran and its total time (ns, SQLite only). */
type Tally = Map<string, { n: number; ns: bigint }>;

let tally: Tally = new Map();

function count(sql: string, ns: bigint): void {
  const key = statementKey(sql);
  const t = tally.get(key) ?? { n: 0, ns: 0n };
  t.n += 1;
  t.ns += ns;
  tally.set(key, t);
}

/** What the PostgreSQL lists show for the socket writes (system calls) the pg clients made. */
const SOCKET_WRITES = '(socket writes to PostgreSQL: system calls, each waking the backend)';

/**
 * Counts every query a pg client sends (before the server is created: every client of the
 * pool), and every write of their sockets to the database (a `writev` or `write` each).
 */
function tracePostgres(): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  const pgSockets = new WeakSet<object>();
  proto.query = function (this: { connection?: { stream?: object } }, ...a: unknown[]) {
    const q = a[0];
    count(typeof q === 'string' ? q : ((q as { text?: string }).text ?? '?'), 0n);
    if (this.connection?.stream) pgSockets.add(this.connection.stream);
    return query.apply(this, a);
  };
  const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (this: object, ...a: unknown[]) => unknown>;
  const originals = { _write: socket._write, _writev: socket._writev };
  for (const k of ['_write', '_writev'] as const) {
    const original = originals[k];
    socket[k] = function (this: object, ...a: unknown[]) {
      if (pgSockets.has(this)) count(SOCKET_WRITES, 0n);
      return original.apply(this, a);
    };
  }
  return () => {
    proto.query = query;
    Object.assign(socket, originals);
  };
}

async function measure(db: Database, dataDir: string): Promise<Map<string, Tally>> {
  const { server, url } = await startBenchServer(db, dataDir);
  try {
    if (db.dialect === 'sqlite') await traceSqlite(db, count);
    const auth = server.services.auth;
    const tokens = { cit: await auth.issue('cit'), cso: await auth.issue('cso'), chair: await auth.issue('chair') };
    const post = async (path: string, token: string, body: unknown): Promise<{ id: string }> => {
      const res = await fetch(url + path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const upload = await fetch(`${url}/api/uploads`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.cit}`, 'Content-Type': 'application/pdf' }, body: '%PDF bench' });
    const hash = ((await upload.json()) as { hash: string }).hash;
    const filing = { procedure: 'T.000001', unit: 'commune-a1', data: { applicant: { nationalId: POPULATION_RECORD.nationalId }, child: { name: 'Bé', ageDays: 10 } }, uploads: { 'birth-certificate': hash } };
    const phases = new Map<string, Tally>([['file', new Map()], ['verify', new Map()], ['sign', new Map()]]);
    const step = async (phase: string, measured: boolean, f: () => Promise<unknown>): Promise<void> => {
      tally = measured ? phases.get(phase)! : new Map();
      await f();
      // The group commit's COMMIT runs at the next turn of the event loop, after the answer.
      await new Promise((r) => setTimeout(r, 2));
      tally = new Map();
    };
    for (let i = 0; i < WARMUP + CASES; i++) {
      const measured = i >= WARMUP;
      let id = '';
      await step('file', measured, async () => (id = (await post('/api/cases', tokens.cit, filing)).id));
      await step('verify', measured, () => post(`/api/cases/${id}/actions`, tokens.cso, { step: 'verify', action: 'approve', version: 1 }));
      await step('sign', measured, () => post(`/api/cases/${id}/actions`, tokens.chair, { step: 'sign', action: 'sign', version: 2 }));
    }
    const [row] = await db.query((sql) =>
      sql.all<{ state: number; event: number; audit: number }>('SELECT avg(length(state)) AS state, (SELECT avg(length(body)) FROM case_events) AS event, (SELECT avg(length(payload)) FROM audit_log) AS audit FROM cases', []),
    );
    if (!row) throw new Error('no case was filed');
    console.log(`${db.dialect}: a closed case's state ${Math.round(Number(row.state))} bytes of JSON, a timeline event ${Math.round(Number(row.event))}, an audit payload ${Math.round(Number(row.audit))}`);
    return phases;
  } finally {
    await server.close();
  }
}

export async function run(): Promise<void> {
  console.log(`statements per request, mean over ${CASES} cases filed and advanced one request at a time`);
  for (const t of benchDatabases('statements')) {
    const untrace = t.name === 'postgres' ? tracePostgres() : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), `motcua-bench-statements-`));
    try {
      const db = t.open();
      const phases = await measure(db, dataDir);
      await db.close();
      for (const [phase, tl] of phases) {
        const rows = [...tl].map(([sql, v]) => ({ sql, n: v.n / CASES, us: Number(v.ns) / 1000 / CASES }));
        const n = rows.reduce((a, r) => a + (r.sql === SOCKET_WRITES ? 0 : r.n), 0);
        const us = rows.reduce((a, r) => a + r.us, 0);
        console.log(`\n${t.name} ${phase}: ${n.toFixed(1)} statements${t.name === 'sqlite' ? `, ${us.toFixed(0)} µs in all` : ''}`);
        for (const r of rows.sort((a, b) => b.us - a.us || b.n - a.n)) {
          console.log(`  ${r.n.toFixed(2).padStart(5)} x${t.name === 'sqlite' ? ` ${r.us.toFixed(0).padStart(5)} µs` : ''}  ${r.sql.length > 150 ? `${r.sql.slice(0, 147)}...` : r.sql}`);
        }
      }
    } finally {
      untrace?.();
      rmSync(dataDir, { recursive: true, force: true });
      await t.cleanup();
    }
  }
}
