/**
 * Content-addressed upload storage: a file is stored once under `uploads/<ab>/<sha256>` in
 * the data dir, whoever uploads it; its size is checked against the limits from the
 * configuration while the body streams in (never buffered whole in memory), and its type is
 * read from its first bytes (`file-type`), never taken from the request's header. Each
 * uploader keeps their own file name and declared type; who may read a file is decided here
 * too (its uploaders, and officers of the units of a case that attaches it).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { MotcuaError, RefusalError } from 'motcua/engine';
import type { Principal } from '../auth';
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

/** Longest file name kept, in characters. */
export const MAX_FILE_NAME = 255;
/** How much of the start of a file the type is read from: every signature `file-type` knows fits. */
const SNIFF_BYTES = 16 * 1024;

/**
 * The file name a client sent in `X-File-Name`, made safe: percent-decoded when it is valid
 * percent-encoding (else kept as sent: `100%.pdf` is a name), control characters dropped,
 * at most MAX_FILE_NAME characters; undefined when nothing is left.
 */
export function cleanFileName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // Not percent-encoding: the name as sent.
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = [...name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim()].slice(0, MAX_FILE_NAME).join('');
  return clean || undefined;
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
    const head: Buffer[] = [];
    let headSize = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > limit) return cb(tooLarge(limit));
        hash.update(chunk);
        if (headSize < SNIFF_BYTES) {
          head.push(chunk);
          headSize += chunk.length;
        }
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
    // The bytes say what the file is; a header saying otherwise (a text file sent as image/png) is refused.
    const sniffed = (await fileTypeFromBuffer(Buffer.concat(head).subarray(0, SNIFF_BYTES)))?.mime;
    if (sniffed !== type) {
      await rm(tmp, { force: true });
      throw new MotcuaError('E_UPLOAD_TYPE', `The file's content is ${sniffed ? `of type '${sniffed}'` : 'of no recognised type'}, not '${type}'`, {
        status: 415,
        path: 'Content-Type',
        hint: `Send a file of one of: ${this.limits.mediaTypes.join(', ')}, with its true Content-Type.`,
      });
    }
    const digest = hash.digest('hex');
    const final = this.pathOf(digest);
    await mkdir(join(this.dir, digest.slice(0, 2)), { recursive: true });
    const exists = await stat(final).then(() => true, () => false);
    if (exists) await rm(tmp, { force: true });
    else await rename(tmp, final);
    const at = Date.now();
    // `uploads.name` stays null: a name belongs to the uploader who gave it (upload_owners).
    await this.db.knex('uploads').insert({ hash: digest, size, media_type: type, name: null, owner_id: owner, created_at: at }).onConflict('hash').ignore();
    await this.db
      .knex('upload_owners')
      .insert({ hash: digest, owner_id: owner, created_at: at, name: name ?? null, declared_type: type })
      .onConflict(['hash', 'owner_id'])
      .merge(['name', 'declared_type']);
    return { hash: digest, size, type, ...(name ? { name } : {}) };
  }

  /**
   * The upload as `principal` may read it, or undefined: its uploaders (with the name they
   * gave it), and officers holding a role in the unit of a case that attaches it (`TransitionWrite.attaches`), or in a
   * unit with a task of that case (without any uploader's name).
   */
  async readable(principal: Principal, hash: string): Promise<FileRef | undefined> {
    const own = (await this.find([hash], { owner: principal.id })).get(hash);
    if (own || principal.kind !== 'officer' || !principal.roles.length) return own;
    const units = [...new Set(principal.roles.map((r) => r.unit))];
    const list = units.map(() => '?').join(', ');
    const rows = await this.db.query((q) =>
      q.all<UploadRow>(
        `SELECT u.hash, u.size, u.media_type, NULL AS name FROM uploads u WHERE u.hash = ? AND EXISTS (SELECT 1 FROM case_uploads cu JOIN cases c ON c.id = cu.case_id WHERE cu.hash = u.hash AND (c.unit_id IN (${list}) OR EXISTS (SELECT 1 FROM work_items w WHERE w.case_id = c.id AND w.unit_id IN (${list}))))`,
        [hash, ...units, ...units],
      ),
    );
    const r = rows[0];
    return r && { hash: r.hash, size: Number(r.size), type: r.media_type };
  }

  /**
   * The uploads named by hash, as stored; with `owner`, only those that person uploaded
   * (several people may hold the same bytes), with the name they gave; without, no name.
   * Read through `sql` when given (a transaction).
   */
  async find(hashes: readonly string[], o: { owner?: string; sql?: Sql } = {}): Promise<Map<string, FileRef>> {
    const out = new Map<string, FileRef>();
    if (!hashes.length) return out;
    const unique = [...new Set(hashes)];
    const list = unique.map(() => '?').join(', ');
    const read = (q: Sql) =>
      o.owner === undefined
        ? q.all<UploadRow>(`SELECT hash, size, media_type, NULL AS name FROM uploads WHERE hash IN (${list})`, unique)
        : q.all<UploadRow>(
            `SELECT u.hash, u.size, u.media_type, o.name FROM uploads u JOIN upload_owners o ON o.hash = u.hash AND o.owner_id = ? WHERE u.hash IN (${list})`,
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
