/**
 * Checkpoints of the audit chain: the chain's head (last row id and hash) at an instant,
 * signed with an Ed25519 key that lives outside the database (a file, by default in the data
 * dir). Someone who can write to the database can rewrite the chain and re-hash it, but
 * cannot forge a checkpoint, nor remove one from the append-only place they are written to
 * (see sinks.ts), so `verifyAudit` with the checkpoints detects the rewrite.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MotcuaError } from 'motcua/engine';
import { canonicalJson } from './canonical-json';

/** What is signed. */
export interface CheckpointBody {
  v: 1;
  /** The id of the last row of the chain (0: empty). */
  lastId: number;
  /** That row's hash. */
  lastHash: string;
  /** Epoch ms when the head was read. */
  at: number;
  /** Which key signed: the first 16 hex digits of SHA-256 of its public key (SPKI DER). */
  kid: string;
}

/** A signed checkpoint: one line of a checkpoint file, one POST to a witness. */
export interface Checkpoint extends CheckpointBody {
  /** Ed25519 signature of the canonical JSON of the body, base64url. */
  sig: string;
}

/** The checkpoint signing key. */
export interface AnchorKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The kid of a public key. */
export function kidOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/**
 * Reads the PKCS#8 PEM key file, or creates it (mode 0600, with the public key beside it as
 * `<file>.pub`) when it does not exist. Two processes starting at once: the loser of the
 * exclusive create reads the winner's key.
 */
export function loadOrCreateAnchorKey(file: string): AnchorKey {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw keyError(file, err);
    const pair = generateKeyPairSync('ed25519');
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      writeFileSync(`${file}.pub`, pair.publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw keyError(file, e);
    }
    pem = readFileSync(file, 'utf8');
  }
  try {
    const privateKey = createPrivateKey(pem);
    const publicKey = createPublicKey(privateKey);
    return { kid: kidOf(publicKey), privateKey, publicKey };
  } catch (err) {
    throw keyError(file, err);
  }
}

/** A public key from a PEM file holding either the public key or the private key. */
export function readPublicKey(file: string): KeyObject {
  try {
    return createPublicKey(readFileSync(file, 'utf8'));
  } catch (err) {
    throw keyError(file, err);
  }
}

function keyError(file: string, err: unknown): MotcuaError {
  return new MotcuaError('E_AUDIT_KEY', `Cannot use the audit checkpoint key ${file}: ${err instanceof Error ? err.message : String(err)}`, {
    hint: 'Set MOTCUA_AUDIT_KEY_FILE to a readable Ed25519 PEM key (PKCS#8), or remove the file to have a new one made.',
    path: 'MOTCUA_AUDIT_KEY_FILE',
  });
}

/** Signs a head. */
export function signCheckpoint(key: AnchorKey, head: { lastId: number; lastHash: string; at: number }): Checkpoint {
  const body: CheckpointBody = { v: 1, lastId: head.lastId, lastHash: head.lastHash, at: head.at, kid: key.kid };
  return { ...body, sig: sign(null, Buffer.from(canonicalJson(body)), key.privateKey).toString('base64url') };
}

/** The checkpoint as read back, or why it cannot be trusted. */
export type CheckedCheckpoint = { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string };

/** Checks the shape and signature of one parsed checkpoint against the trusted public keys. */
export function checkCheckpoint(value: unknown, trusted: readonly KeyObject[]): CheckedCheckpoint {
  const c = value as Partial<Checkpoint> | null;
  if (
    !c || typeof c !== 'object' || c.v !== 1 || !Number.isSafeInteger(c.lastId) || c.lastId! < 0 ||
    typeof c.lastHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.lastHash) || !Number.isFinite(c.at) ||
    typeof c.kid !== 'string' || typeof c.sig !== 'string'
  ) {
    return { ok: false, reason: 'not a checkpoint (v, lastId, lastHash, at, kid, sig)' };
  }
  const key = trusted.find((k) => kidOf(k) === c.kid);
  if (!key) return { ok: false, reason: `signed by an unknown key ${c.kid}` };
  const body: CheckpointBody = { v: 1, lastId: c.lastId!, lastHash: c.lastHash, at: c.at!, kid: c.kid };
  const good = verify(null, Buffer.from(canonicalJson(body)), key, Buffer.from(c.sig, 'base64url'));
  return good ? { ok: true, checkpoint: { ...body, sig: c.sig } } : { ok: false, reason: 'its signature does not match (forged or altered)' };
}
