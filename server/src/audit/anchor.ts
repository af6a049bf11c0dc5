/**
 * The checkpoint writer: every `intervalMs`, when the audit chain's head moved, signs it and
 * appends the checkpoint to the sink; once more when the server stops. Rows written since the
 * last checkpoint are the only ones a database writer can still rewrite unseen (the window is
 * the interval). Before signing, it checks that the row it checkpointed last still has the
 * hash it signed: a rewrite is reported at once and never signed over.
 */
import type { Knex } from 'knex';
import { GENESIS_HASH } from './chain';
import { signCheckpoint, type AnchorKey, type Checkpoint } from './checkpoint';
import type { CheckpointSink } from './sinks';

export interface AuditAnchor {
  /** Writes a checkpoint now if the head moved since the last one; the checkpoint written, if any. */
  checkpoint: () => Promise<Checkpoint | undefined>;
  /** Stops the interval and writes a last checkpoint. */
  stop: () => Promise<void>;
}

export function startAuditAnchor(o: {
  knex: Knex;
  key: AnchorKey;
  sink: CheckpointSink;
  intervalMs: number;
  now: () => number;
  log: (line: string) => void;
}): AuditAnchor {
  let last: { lastId: number; lastHash: string } | undefined;
  let running: Promise<Checkpoint | undefined> | undefined;
  let failing = false;

  const once = async (): Promise<Checkpoint | undefined> => {
    const head = (await o.knex('audit_head').where({ id: 1 }).first<{ last_id: number | string; last_hash: string } | undefined>('last_id', 'last_hash')) ?? { last_id: 0, last_hash: GENESIS_HASH };
    const lastId = Number(head.last_id);
    if (lastId === 0 || (last && last.lastId === lastId && last.lastHash === head.last_hash)) return undefined;
    if (last) {
      const row = await o.knex('audit_log').where({ id: last.lastId }).first<{ hash: string } | undefined>('hash');
      if (!row || row.hash !== last.lastHash || lastId < last.lastId) {
        o.log(`motcua: AUDIT TAMPERED: row ${last.lastId}, checkpointed with hash ${last.lastHash.slice(0, 12)}…, was changed or deleted in the database; no checkpoint is signed over it. Run \`motcua audit verify --checkpoints\`.`);
        return undefined;
      }
    }
    const checkpoint = signCheckpoint(o.key, { lastId, lastHash: head.last_hash, at: o.now() });
    await o.sink.append(checkpoint);
    last = { lastId, lastHash: head.last_hash };
    return checkpoint;
  };

  // One at a time: the interval and stop() never write two checkpoints of one head.
  const checkpoint = (): Promise<Checkpoint | undefined> => {
    running ??= once()
      .then((c) => {
        if (failing) o.log(`motcua: audit checkpoints to ${o.sink.describe} work again`);
        failing = false;
        return c;
      })
      .catch((err: unknown) => {
        if (!failing) o.log(`motcua: cannot write an audit checkpoint to ${o.sink.describe}: ${err instanceof Error ? err.message : String(err)} (retrying every ${o.intervalMs} ms)`);
        failing = true;
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void checkpoint(), o.intervalMs);
  timer.unref();
  return {
    checkpoint,
    async stop() {
      clearInterval(timer);
      await running;
      await checkpoint();
    },
  };
}
