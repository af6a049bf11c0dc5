/**
 * Content-addressed upload storage: a file is stored once under `uploads/<ab>/<sha256>` in
 * the data dir, whoever uploads it; size and media type are checked against the limits from
 * the configuration while the body streams in (never buffered whole in memory).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { MotcuaError, RefusalError } from 'motcua/engine';
import type { UploadLimits } from '../config';
import type { Database, Sql } from '../db';
import type { FileRef } from '../cases/engine-port';

/** `image/*` style matching. */
export function mediaTypeAllowed(type: string, accepted: readonly string[]): boolean {
  const t = type.split(';')[0]!.trim().toLowerCase();
  return accepted.some((a) => {
    const p = a.toLowerCase();
    return p === t || p === '*/*' || (p.endsWith('/*') && t.startsWith(p.slice(0, -1)));
  });
}

interface UploadRow {
  hash: string;
  size: number;
  media_type: string;
  name: string | null;
}

export class UploadStore {
  constructor(
    private readonly db: Database,
    private readonly dir: string,
    private readonly limits: UploadLimits,
  ) {}

  pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash);
  }

  /** Streams `body` to disk, hashing it; refuses a type or size over the limits. */
  async save(owner: string, body: Readable, mediaType: string | undefined, name: string | undefined, declaredSize?: number): Promise<FileRef> {
    const type = (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!type || !mediaTypeAllowed(type, this.limits.mediaTypes)) {
      throw new MotcuaError('E_UPLOAD_TYPE', `Files of type '${type || '(none)'}' are not accepted`, {
        status: 415,
        hint: `Send Content-Type as one of: ${this.limits.mediaTypes.join(', ')}.`,
        path: 'Content-Type',
      });
    }
    if (declaredSize !== undefined && declaredSize > this.limits.maxBytes) throw tooLarge(this.limits.maxBytes);
    await mkdir(join(this.dir, 'tmp'), { recursive: true });
    const tmp = join(this.dir, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const limit = this.limits.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > limit) return cb(tooLarge(limit));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmp));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    if (size === 0) {
      await rm(tmp, { force: true });
      throw new RefusalError('E_UPLOAD_EMPTY', 'The uploaded file is empty', [], { status: 400, hint: 'Send the file bytes as the request body.' });
    }
    const digest = hash.digest('hex');
    const final = this.pathOf(digest);
    await mkdir(join(this.dir, digest.slice(0, 2)), { recursive: true });
    const exists = await stat(final).then(() => true, () => false);
    if (exists) await rm(tmp, { force: true });
    else await rename(tmp, final);
    const at = Date.now();
    await this.db.knex('uploads').insert({ hash: digest, size, media_type: type, name: name ?? null, owner_id: owner, created_at: at }).onConflict('hash').ignore();
    await this.db.knex('upload_owners').insert({ hash: digest, owner_id: owner, created_at: at }).onConflict(['hash', 'owner_id']).ignore();
    return { hash: digest, size, type, ...(name ? { name } : {}) };
  }

  /**
   * The uploads named by hash, as stored; with `owner`, only those that person uploaded
   * (several people may hold the same bytes). Read through `sql` when given (a transaction).
   */
  async find(hashes: readonly string[], o: { owner?: string; sql?: Sql } = {}): Promise<Map<string, FileRef>> {
    const out = new Map<string, FileRef>();
    if (!hashes.length) return out;
    const unique = [...new Set(hashes)];
    const list = unique.map(() => '?').join(', ');
    const read = (q: Sql) =>
      o.owner === undefined
        ? q.all<UploadRow>(`SELECT hash, size, media_type, name FROM uploads WHERE hash IN (${list})`, unique)
        : q.all<UploadRow>(
            `SELECT u.hash, u.size, u.media_type, u.name FROM uploads u JOIN upload_owners o ON o.hash = u.hash AND o.owner_id = ? WHERE u.hash IN (${list})`,
            [o.owner, ...unique],
          );
    const rows = await (o.sql ? read(o.sql) : this.db.query(read));
    for (const r of rows) out.set(r.hash, { hash: r.hash, size: Number(r.size), type: r.media_type, ...(r.name ? { name: r.name } : {}) });
    return out;
  }
}

function tooLarge(limit: number): MotcuaError {
  return new MotcuaError('E_UPLOAD_TOO_LARGE', `The file is larger than ${limit} bytes`, {
    status: 413,
    hint: 'Compress or split the document, or ask the administrator to raise MOTCUA_UPLOAD_MAX_BYTES.',
  });
}
