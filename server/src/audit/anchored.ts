/**
 * `motcua audit verify --checkpoints`: reads every checkpoint from a sink, refuses any that is
 * not signed by a trusted key, then walks the chain against the rest (chain.ts).
 */
import type { KeyObject } from 'node:crypto';
import type { Knex } from 'knex';
import { verifyAudit, type AuditVerdict } from './chain';
import { checkCheckpoint, type Checkpoint } from './checkpoint';
import type { CheckpointSink } from './sinks';

/** Verifies the chain against the checkpoints in `sink`, signed by one of `trusted`. */
export async function verifyAnchored(knex: Knex, sink: CheckpointSink, trusted: readonly KeyObject[], pageSize = 5000): Promise<AuditVerdict> {
  const entries = await sink.readAll();
  const checkpoints: Checkpoint[] = [];
  for (const [i, entry] of entries.entries()) {
    const checked = checkCheckpoint(entry, trusted);
    if (!checked.ok) return { ok: false, rows: 0, badRow: 0, reason: `checkpoint #${i + 1} in ${sink.describe} cannot be trusted: ${checked.reason}` };
    checkpoints.push(checked.checkpoint);
  }
  return verifyAudit(knex, pageSize, checkpoints);
}
