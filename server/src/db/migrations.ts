/**
 * The schema as knex migrations held in code (a migration source object), so that they run
 * the same under tsx, vitest and a bundled build: no directory scanning, no file paths.
 * Instants are stored as epoch milliseconds (bigint) so that both databases order and compare
 * them the same way; JSON is stored as text so that both databases return it byte for byte
 * (the audit chain hashes it).
 */
import type { Knex } from 'knex';
import { versionGuard } from './version-guard';

/** One migration: a stable name (never rename a shipped one) and its up/down. */
export interface Migration {
  name: string;
  up: (knex: Knex) => Promise<void>;
  down: (knex: Knex) => Promise<void>;
}

const initial: Migration = {
  name: '0001_initial',
  async up(knex) {
    await knex.schema.createTable('units', (t) => {
      t.string('id', 64).primary();
      t.string('name', 300).notNullable();
      t.string('level', 16).notNullable();
      t.string('parent', 64).nullable();
    });
    await knex.schema.createTable('users', (t) => {
      t.string('id', 128).primary();
      t.string('name', 300).notNullable();
      /** citizen | officer | author | admin */
      t.string('kind', 16).notNullable();
      t.string('national_id', 32).nullable();
      t.boolean('active').notNullable().defaultTo(true);
    });
    await knex.schema.createTable('user_roles', (t) => {
      t.string('user_id', 128).notNullable().references('users.id').onDelete('CASCADE');
      t.string('role', 64).notNullable();
      t.string('unit_id', 64).notNullable().references('units.id');
      t.primary(['user_id', 'role', 'unit_id']);
    });
    await knex.schema.createTable('procedures', (t) => {
      t.string('code', 32).notNullable();
      t.string('version', 32).notNullable();
      t.string('name_vi', 500).notNullable();
      t.string('name_en', 500).nullable();
      /** Code and names, lower-cased and without diacritics, for `?q=`. */
      t.text('search_text').notNullable();
      t.string('sector', 64).nullable();
      t.string('level', 16).nullable();
      t.text('definition').notNullable();
      /** ok | broken: a broken procedure is listed with its diagnostics but cannot be filed. */
      t.string('status', 16).notNullable();
      t.text('diagnostics').notNullable();
      t.string('file', 500).nullable();
      t.primary(['code', 'version']);
    });
    await knex.schema.createTable('cases', (t) => {
      t.string('id', 40).primary();
      t.string('procedure_code', 32).notNullable();
      t.string('procedure_version', 32).notNullable();
      t.string('applicant_id', 128).notNullable();
      t.string('unit_id', 64).notNullable();
      t.string('status', 24).notNullable();
      t.bigInteger('due_at').nullable();
      t.bigInteger('submitted_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      /** Optimistic concurrency: every transition writes `version + 1 WHERE version = ?`. */
      t.integer('version').notNullable();
      t.text('state').notNullable();
      t.index(['applicant_id', 'submitted_at']);
    });
    // What officers must do now: one row per open task of a case, rewritten on each transition.
    await knex.schema.createTable('work_items', (t) => {
      t.string('case_id', 40).notNullable().references('cases.id').onDelete('CASCADE');
      t.string('step', 64).notNullable();
      t.string('role', 64).notNullable();
      t.string('level', 16).nullable();
      t.string('unit_id', 64).notNullable();
      t.bigInteger('due_at').nullable();
      t.primary(['case_id', 'step']);
      t.index(['unit_id', 'role', 'due_at']);
    });
    await knex.schema.createTable('case_events', (t) => {
      t.increments('id');
      t.string('case_id', 40).notNullable().references('cases.id').onDelete('CASCADE');
      t.integer('seq').notNullable();
      t.string('type', 32).notNullable();
      t.bigInteger('at').notNullable();
      t.text('body').notNullable();
      t.unique(['case_id', 'seq']);
    });
    await knex.schema.createTable('timers', (t) => {
      t.increments('id');
      t.string('case_id', 40).notNullable().references('cases.id').onDelete('CASCADE');
      /** due-soon | overdue */
      t.string('kind', 16).notNullable();
      t.bigInteger('fire_at').notNullable();
      t.bigInteger('fired_at').nullable();
      /** The due instant the timer was armed for: a new due re-arms, an old timer is dropped. */
      t.bigInteger('due_at').notNullable();
      t.unique(['case_id', 'kind', 'due_at']);
      t.index(['fired_at', 'fire_at']);
    });
    await knex.schema.createTable('outbox', (t) => {
      t.increments('id');
      t.string('case_id', 40).notNullable();
      t.string('type', 32).notNullable();
      t.text('payload').notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('done_at').nullable();
    });
    await knex.schema.createTable('audit_log', (t) => {
      t.increments('id');
      t.bigInteger('at').notNullable();
      t.string('actor', 128).notNullable();
      t.string('action', 64).notNullable();
      t.string('subject', 128).notNullable();
      t.text('payload').notNullable();
      t.string('prev_hash', 64).notNullable();
      t.string('hash', 64).notNullable();
    });
    // One row: the chain's head. Appending locks it, so concurrent writers cannot fork the chain,
    // and verification compares it with the last row, so a deleted tail is detected.
    await knex.schema.createTable('audit_head', (t) => {
      t.integer('id').primary();
      t.integer('last_id').notNullable();
      t.string('last_hash', 64).notNullable();
    });
    await knex('audit_head').insert({ id: 1, last_id: 0, last_hash: '0'.repeat(64) });
    await knex.schema.createTable('source_records', (t) => {
      t.string('source', 64).notNullable();
      t.string('key', 128).notNullable();
      t.text('record').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.primary(['source', 'key']);
    });
    await knex.schema.createTable('uploads', (t) => {
      t.string('hash', 64).primary();
      t.integer('size').notNullable();
      t.string('media_type', 128).notNullable();
      t.string('name', 300).nullable();
      t.string('owner_id', 128).notNullable();
      t.bigInteger('created_at').notNullable();
    });
    await knex.schema.createTable('idempotency_keys', (t) => {
      t.string('principal', 128).notNullable();
      t.string('key', 200).notNullable();
      t.string('route', 300).notNullable();
      t.string('body_hash', 64).notNullable();
      t.integer('status').nullable();
      t.text('response').nullable();
      t.bigInteger('created_at').notNullable();
      t.primary(['principal', 'key']);
    });
    await knex.schema.createTable('signing_keys', (t) => {
      t.string('kid', 64).primary();
      t.string('alg', 16).notNullable();
      t.text('private_jwk').notNullable();
      t.text('public_jwk').notNullable();
      t.bigInteger('created_at').notNullable();
    });
  },
  async down(knex) {
    for (const table of [
      'signing_keys', 'idempotency_keys', 'uploads', 'source_records', 'audit_head', 'audit_log', 'outbox',
      'timers', 'case_events', 'work_items', 'cases', 'procedures', 'user_roles', 'users', 'units',
    ]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};

// Child cases (a `procedure` step, liên thông) and linked cases point to the case that started them.
const childCases: Migration = {
  name: '0002_child_cases',
  async up(knex) {
    await knex.schema.alterTable('cases', (t) => {
      t.string('parent_id', 40).nullable();
      t.string('parent_step', 64).nullable();
      t.index(['parent_id']);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('cases', (t) => {
      t.dropIndex(['parent_id']);
      t.dropColumn('parent_step');
      t.dropColumn('parent_id');
    });
  },
};

// The worklist orders by (due, case, step): with all three in the index, a page is read in
// index order and the database stops after `limit` rows, whatever the size of the unit.
const worklistOrder: Migration = {
  name: '0003_worklist_order',
  async up(knex) {
    await knex.schema.alterTable('work_items', (t) => {
      t.index(['unit_id', 'role', 'due_at', 'case_id', 'step'], 'work_items_page');
      t.dropIndex(['unit_id', 'role', 'due_at']);
    });
  },
  async down(knex) {
    await knex.schema.alterTable('work_items', (t) => {
      t.index(['unit_id', 'role', 'due_at']);
      t.dropIndex([], 'work_items_page');
    });
  },
};

// Idempotency-Key answers are now stored in the transaction of the request they answer, so a
// key is never "in progress". Rows left in progress by an older server (it crashed between
// its transaction and storing the answer) cannot be replayed: they are forgotten, as the
// older server itself would have taken them over after a minute.
const atomicIdempotency: Migration = {
  name: '0004_atomic_idempotency',
  async up(knex) {
    await knex('idempotency_keys').whereNull('status').delete();
  },
  down: () => Promise.resolve(),
};

// Signed result documents (the data wallet), issued by the outbox consumer: one per
// `issue-result` effect (`outbox_id` unique, so an effect can never issue two). The outbox
// gains what a consumer needs to survive a poison row: how often it failed and why.
const resultDocuments: Migration = {
  name: '0005_result_documents',
  async up(knex) {
    await knex.schema.createTable('documents', (t) => {
      t.string('id', 40).primary();
      t.integer('outbox_id').notNullable().unique();
      t.string('case_id', 40).notNullable();
      t.string('document_type', 64).notNullable();
      t.string('procedure_code', 32).notNullable();
      t.string('procedure_version', 32).notNullable();
      t.string('outcome', 64).notNullable();
      t.string('holder_id', 128).notNullable();
      t.string('holder_national_id', 32).nullable();
      t.string('issuer_unit', 64).notNullable();
      t.bigInteger('issued_at').notNullable();
      t.bigInteger('valid_until').nullable();
      /** wallet | none: `store: none` issues the document but keeps it out of the wallet. */
      t.string('store', 16).notNullable();
      t.text('payload').notNullable();
      t.text('jws').notNullable();
      t.string('kid', 64).notNullable();
      /** valid | revoked */
      t.string('status', 16).notNullable();
      t.bigInteger('revoked_at').nullable();
      t.index(['holder_id', 'store', 'issued_at'], 'documents_wallet');
      t.index(['case_id']);
      // The consumer's expiry sweep reads documents by validity (unreleased, so added here).
      t.index(['valid_until'], 'documents_valid_until');
    });
    await knex.schema.alterTable('outbox', (t) => {
      t.integer('attempts').notNullable().defaultTo(0);
      t.text('last_error').nullable();
      t.index(['done_at', 'id'], 'outbox_pending');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('outbox', (t) => {
      t.dropIndex([], 'outbox_pending');
      t.dropColumn('last_error');
      t.dropColumn('attempts');
    });
    await knex.schema.dropTableIfExists('documents');
  },
};

// One timer per case at the engine's next alarm (`nextAlarm`: due-soon, due, step SLAs),
// kind `alarm`, at most one unfired per case (partial unique index); the poller runs the
// engine's `tick` there. Work items keep the engine's due-soon instant for the worklist.
// Conversion: armed timers of the old kinds (`due-soon`, `overdue` at fixed offsets) are
// dropped, every open case gets an alarm due at once (the first poll ticks it, arms its real
// next alarm and fills its work items' due-soon instant), and the due-soon/overdue events the
// old poller appended for a case's current due are recorded in its `state.alerts`, so that the
// engine does not emit them a second time.
const caseAlarms: Migration = {
  name: '0006_case_alarms',
  async up(knex) {
    await knex.schema.alterTable('work_items', (t) => {
      t.bigInteger('due_soon_at').nullable();
    });
    await knex.schema.alterTable('timers', (t) => {
      t.dropUnique(['case_id', 'kind', 'due_at']);
    });
    const closed = ['done', 'rejected', 'withdrawn', 'cancelled'];
    let after = 0;
    for (;;) {
      const rows = await knex('case_events as e')
        .join('cases as c', 'c.id', 'e.case_id')
        .whereIn('e.type', ['due-soon', 'overdue'])
        .whereNotIn('c.status', closed)
        .andWhere('e.id', '>', after)
        .orderBy('e.id')
        .limit(500)
        .select<{ id: number; case_id: string; type: string; body: string }[]>('e.id', 'e.case_id', 'e.type', 'e.body');
      if (!rows.length) break;
      after = rows.at(-1)!.id;
      for (const r of rows) {
        const event = JSON.parse(r.body) as { step?: string; detail?: { due?: string } };
        if (event.step || !event.detail?.due) continue;
        const row = await knex('cases').where({ id: r.case_id }).first<{ state: string } | undefined>('state');
        if (!row) continue;
        const state = JSON.parse(row.state) as { due?: string; alerts?: { dueSoon?: string; overdue?: string } };
        if (!state.due || Date.parse(state.due) !== Date.parse(event.detail.due)) continue;
        state.alerts = r.type === 'overdue' ? { dueSoon: state.due, overdue: state.due } : { ...state.alerts, dueSoon: state.due };
        await knex('cases').where({ id: r.case_id }).update({ state: JSON.stringify(state) });
      }
    }
    await knex('timers').whereNull('fired_at').delete();
    await knex.raw("INSERT INTO timers (case_id, kind, fire_at, due_at) SELECT id, 'alarm', 0, 0 FROM cases WHERE status NOT IN (?, ?, ?, ?)", closed);
    await knex.raw('CREATE UNIQUE INDEX timers_armed ON timers (case_id) WHERE fired_at IS NULL');
  },
  async down(knex) {
    await knex.raw('DROP INDEX timers_armed');
    await knex('timers').where({ kind: 'alarm' }).delete();
    await knex.schema.alterTable('timers', (t) => {
      t.unique(['case_id', 'kind', 'due_at']);
    });
    await knex.schema.alterTable('work_items', (t) => {
      t.dropColumn('due_soon_at');
    });
  },
};

/** Every migration, in order. Append new ones; never edit a shipped one. */
// A file is stored once by content, but many people may upload the same bytes (a blank form,
// a marriage certificate both spouses attach): each uploader holds it. `uploads.owner_id`
// stays as the first uploader, for the record; what a citizen may attach is `upload_owners`.
const uploadOwners: Migration = {
  name: '0007_upload_owners',
  async up(knex) {
    await knex.schema.createTable('upload_owners', (t) => {
      t.string('hash', 64).notNullable().references('uploads.hash').onDelete('CASCADE');
      t.string('owner_id', 128).notNullable();
      t.bigInteger('created_at').notNullable();
      t.primary(['hash', 'owner_id']);
    });
    await knex.raw('INSERT INTO upload_owners (hash, owner_id, created_at) SELECT hash, owner_id, created_at FROM uploads');
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('upload_owners');
  },
};

// Issue 15, uploads: each uploader keeps their own file name and declared type (the second
// uploader of the same bytes must not see the first's name, which may hold their name and
// ID), and `case_uploads` says which cases attach a file, so that officers read only the
// files of their units' cases. Backfilled from the cases' components.
const uploadAccess: Migration = {
  name: '0025_upload_access',
  async up(knex) {
    await knex.schema.alterTable('upload_owners', (t) => {
      t.string('name', 255).nullable();
      t.string('declared_type', 128).nullable();
    });
    await knex.raw(
      'UPDATE upload_owners SET name = (SELECT u.name FROM uploads u WHERE u.hash = upload_owners.hash AND u.owner_id = upload_owners.owner_id), ' +
        'declared_type = (SELECT u.media_type FROM uploads u WHERE u.hash = upload_owners.hash)',
    );
    await knex.schema.createTable('case_uploads', (t) => {
      t.string('hash', 64).notNullable();
      t.string('case_id', 64).notNullable();
      t.primary(['hash', 'case_id']);
      t.index(['case_id']);
    });
    let after = '';
    for (;;) {
      const rows = await knex('cases').where('id', '>', after).orderBy('id').limit(500).select<{ id: string; state: string }[]>('id', 'state');
      if (!rows.length) break;
      const links = rows.flatMap((r) => attachedHashes(r.state).map((hash) => ({ hash, case_id: r.id })));
      if (links.length) await knex('case_uploads').insert(links).onConflict(['hash', 'case_id']).ignore();
      after = rows.at(-1)!.id;
    }
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('case_uploads');
    await knex.schema.alterTable('upload_owners', (t) => {
      t.dropColumn('name');
      t.dropColumn('declared_type');
    });
  },
};

/** The upload hashes a stored case state's components hold (`components.<id>.file.hash`). */
function attachedHashes(state: string): string[] {
  const components = (JSON.parse(state) as { components?: Record<string, { file?: { hash?: unknown } }> }).components ?? {};
  return [...new Set(Object.values(components).map((c) => c.file?.hash).filter((h): h is string => typeof h === 'string'))];
}

// Units carry the statistics office's code (Decision 19/2025/QĐ-TTg), so that a case, a
// document or a statistic can be tied to the official list; searched by code in the portal.
const unitCodes: Migration = {
  name: '0050_unit_codes',
  // Plain ALTER/CREATE INDEX: knex's SQLite alterTable may rebuild the table, which the
  // foreign keys pointing at units (user_roles) refuse.
  async up(knex) {
    await knex.raw('ALTER TABLE units ADD COLUMN code varchar(8) NULL');
    await knex.raw('CREATE INDEX units_level_parent ON units (level, parent)');
  },
  async down(knex) {
    await knex.raw('DROP INDEX units_level_parent');
    await knex.raw('ALTER TABLE units DROP COLUMN code');
  },
};

// Notifications: planned from the case timeline (a cursor over case_events, moved in the same
// transaction as the rows it plans, so each event is planned once), delivered with retries.
// Contacts live apart from users: a citizen chooses how to be told.
const notifications: Migration = {
  name: '0051_notifications',
  async up(knex) {
    await knex.schema.createTable('user_contacts', (t) => {
      t.string('user_id', 128).primary().references('users.id').onDelete('CASCADE');
      t.string('email', 254).nullable();
      t.string('phone', 20).nullable();
      t.string('locale', 2).notNullable().defaultTo('vi');
    });
    await knex.schema.createTable('notification_cursor', (t) => {
      t.integer('id').primary();
      t.bigInteger('last_event_id').notNullable();
    });
    await knex.schema.createTable('notifications', (t) => {
      t.increments('id');
      t.bigInteger('event_id').notNullable();
      t.string('case_id', 40).notNullable();
      t.string('user_id', 128).notNullable();
      t.string('kind', 32).notNullable();
      t.string('channel', 8).notNullable();
      t.string('address', 254).nullable();
      t.string('subject', 300).notNullable();
      t.text('body').notNullable();
      t.string('status', 8).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.bigInteger('next_at').notNullable();
      t.text('last_error').nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('sent_at').nullable();
      t.bigInteger('read_at').nullable();
      t.unique(['event_id', 'user_id', 'channel']);
      t.index(['status', 'next_at']);
      t.index(['user_id', 'channel', 'id']);
    });
    // Start after what the timeline already holds: a new deployment does not notify the past.
    const last = (await knex('case_events').max('id as id').first()) as { id: number | string | null } | undefined;
    await knex('notification_cursor').insert({ id: 1, last_event_id: Number(last?.id ?? 0) });
  },
  async down(knex) {
    for (const table of ['notifications', 'notification_cursor', 'user_contacts']) await knex.schema.dropTableIfExists(table);
  },
};

// Demo users are marked so that a production server can tell them apart from real ones
// (it refuses to start on a database that holds them, or removes them when told to).
const demoUsers: Migration = {
  name: '0030_demo_users',
  // Plain ALTER: a table rebuild would be refused by the foreign key of user_roles (see 0050).
  async up(knex) {
    await knex.raw('ALTER TABLE users ADD COLUMN demo boolean NOT NULL DEFAULT FALSE');
  },
  async down(knex) {
    await knex.raw('ALTER TABLE users DROP COLUMN demo');
  },
};

// One-time sign-in links (`motcua admin create`): only a hash of the secret is kept, so that
// reading the database does not give a way in; a link is spent by the first redemption.
const signInLinks: Migration = {
  name: '0031_sign_in_links',
  async up(knex) {
    await knex.schema.createTable('sign_in_links', (t) => {
      t.string('hash', 64).primary();
      t.string('user_id', 128).notNullable().references('users.id').onDelete('CASCADE');
      t.bigInteger('created_at').notNullable();
      t.bigInteger('expires_at').notNullable();
      t.bigInteger('used_at').nullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('sign_in_links');
  },
};

// A case that awaits the consent of a person it names (a spouse, the other party of a
// contract) lists them here, so that the person finds what awaits them by their national ID
// (their sign-in) without anyone scanning case data. One row per case and subject.
const caseConsents: Migration = {
  name: '0020_case_consents',
  async up(knex) {
    await knex.schema.createTable('case_consents', (t) => {
      t.string('case_id', 40).notNullable().references('cases.id').onDelete('CASCADE');
      t.string('subject_id', 64).notNullable();
      t.string('national_id', 32).notNullable();
      t.string('relation', 16).notNullable();
      /** awaiting | given | closed (the case closed before the consent) */
      t.string('status', 16).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('decided_at').nullable();
      t.primary(['case_id', 'subject_id']);
      t.index(['national_id', 'status'], 'case_consents_by_person');
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('case_consents');
  },
};

// Statistics (issue 14): one row of facts per case and additive counts per received day or
// month, unit and procedure, both written by the one write path of a case (`writeTransition`), in the
// transition's transaction, so that a figure never disagrees with the cases it counts.
const statistics: Migration = {
  name: '0060_statistics',
  async up(knex) {
    await knex.schema.createTable('case_stats', (t) => {
      t.string('case_id', 40).primary();
      /** The unit that received the case: figures stay with it. */
      t.string('unit_id', 64).notNullable();
      /** The unit, the units above it when the case was filed, and '*': where its counts go. */
      t.string('unit_path', 400).notNullable();
      t.string('procedure_code', 32).notNullable();
      t.boolean('online').notNullable();
      t.bigInteger('received_at').notNullable();
      /** Local epoch day of the receipt (Asia/Ho_Chi_Minh). */
      t.integer('received_day').notNullable();
      t.bigInteger('closed_at').nullable();
      t.integer('supplements').notNullable();
      t.boolean('on_time').nullable();
      t.double('processing_days').nullable();
      t.boolean('e_result').notNullable();
      t.smallint('rating').nullable();
      t.bigInteger('rated_at').nullable();
    });
    // The open cases only (a row leaves when its case closes): the figures that depend on the
    // time (late at a bucket's end, overdue now, due soon) read this small table.
    await knex.schema.createTable('stats_open', (t) => {
      t.string('case_id', 40).primary();
      t.string('unit_id', 64).notNullable();
      t.string('procedure_code', 32).notNullable();
      t.integer('received_day').notNullable();
      /** yyyymm of the received day. */
      t.integer('received_month').notNullable();
      /** Late strictly after this instant; null while a supplement is awaited with time left. */
      t.bigInteger('late_after').nullable();
      t.bigInteger('due_soon_at').nullable();
      t.integer('supplements').notNullable();
      t.index(['received_day', 'unit_id']);
      t.index(['unit_id', 'late_after']);
    });
    // Counts per grain (d: local epoch day, m: month as yyyymm), unit and procedure, about the
    // cases received in the bucket. A case adds to its unit, every unit above it and the whole
    // country ('*'), for its procedure and for all procedures ('*'): a report reads one row per
    // group and bucket, however many cases there are. On SQLite the rows are stored in key
    // order (WITHOUT ROWID), so that a report's range is one sequential read.
    const sqlite = (knex.client as { config: { client?: unknown } }).config.client === 'better-sqlite3';
    await knex.raw(
      'CREATE TABLE stats_counts (grain varchar(1) NOT NULL, unit_id varchar(64) NOT NULL, procedure_code varchar(32) NOT NULL, bucket integer NOT NULL, ' +
        'received integer NOT NULL DEFAULT 0, online integer NOT NULL DEFAULT 0, resolved integer NOT NULL DEFAULT 0, on_time integer NOT NULL DEFAULT 0, ' +
        'processing_days double precision NOT NULL DEFAULT 0, e_results integer NOT NULL DEFAULT 0, ratings integer NOT NULL DEFAULT 0, rating_sum integer NOT NULL DEFAULT 0, ' +
        'PRIMARY KEY (grain, unit_id, procedure_code, bucket))' + (sqlite ? ' WITHOUT ROWID' : ''),
    );
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('stats_counts');
    await knex.schema.dropTableIfExists('stats_open');
    await knex.schema.dropTableIfExists('case_stats');
  },
};


// Reorganizations of units (communes merged, split, renamed, moved to another province): a
// unit has a validity (`valid_from`, `valid_to`: ISO dates, the day the unit exists from and
// the last day it exists; null for "since ever" and "still"), links to the units that
// succeeded it, the names and codes it had before a rename or a move, and each applied plan.
// Units keep their rows forever: a former unit's code still resolves, and cases and result
// documents that name it keep their meaning.
const unitValidity: Migration = {
  name: '0075_unit_validity',
  // Plain ALTER on units: a table rebuild would be refused by the foreign key of user_roles (see 0050).
  async up(knex) {
    await knex.raw('ALTER TABLE units ADD COLUMN valid_from varchar(10) NULL');
    await knex.raw('ALTER TABLE units ADD COLUMN valid_to varchar(10) NULL');
    await knex.raw('CREATE INDEX units_code ON units (code)');
    await knex.schema.createTable('unit_successors', (t) => {
      t.string('unit_id', 64).notNullable();
      t.string('successor_id', 64).notNullable();
      /** merged | split */
      t.string('kind', 16).notNullable();
      t.string('reorganization', 64).notNullable();
      t.string('effective', 10).notNullable();
      t.primary(['unit_id', 'successor_id']);
      t.index(['successor_id']);
    });
    await knex.schema.createTable('unit_history', (t) => {
      t.increments('id');
      t.string('unit_id', 64).notNullable();
      t.string('name', 300).notNullable();
      t.string('code', 8).nullable();
      t.string('parent', 64).nullable();
      /** The last day the unit had this name, code and parent. */
      t.string('valid_to', 10).notNullable();
      t.string('reorganization', 64).notNullable();
      t.index(['unit_id']);
      t.index(['code']);
    });
    await knex.schema.createTable('reorganizations', (t) => {
      t.string('id', 64).primary();
      t.string('effective', 10).notNullable();
      t.bigInteger('applied_at').notNullable();
      t.string('actor', 128).notNullable();
      t.text('plan').notNullable();
      t.text('summary').notNullable();
    });
  },
  async down(knex) {
    for (const table of ['reorganizations', 'unit_history', 'unit_successors']) await knex.schema.dropTableIfExists(table);
    await knex.raw('DROP INDEX units_code');
    await knex.raw('ALTER TABLE units DROP COLUMN valid_to');
    await knex.raw('ALTER TABLE units DROP COLUMN valid_from');
  },
};


// Publishing (issue 10): a published (code, version) is immutable, so each row keeps the text
// it was published from (pulled back byte for byte) and the hash of its content; retired
// versions take no new filings; `epoch` counts changes so that every process sharing the
// database notices a publish or a retirement (procedure_epoch). Drafts live on the server
// with an optimistic revision and their review.
const publishing: Migration = {
  name: '0035_publishing',
  async up(knex) {
    await knex.schema.alterTable('procedures', (t) => {
      t.text('source').nullable();
      t.string('content_hash', 64).nullable();
      t.bigInteger('published_at').nullable();
      t.string('published_by', 128).nullable();
      t.bigInteger('retired_at').nullable();
      t.bigInteger('epoch').notNullable().defaultTo(0);
    });
    await knex.schema.createTable('procedure_epoch', (t) => {
      t.integer('id').primary();
      t.bigInteger('epoch').notNullable();
    });
    await knex('procedure_epoch').insert({ id: 1, epoch: 0 });
    await knex.schema.createTable('procedure_drafts', (t) => {
      t.string('id', 40).primary();
      t.string('code', 32).nullable();
      t.string('version', 32).nullable();
      t.text('source').notNullable();
      /** JSON: [{name, source}] scenario files run when the draft is validated. */
      t.text('scenarios').notNullable();
      /** editing | submitted | returned | approved | published */
      t.string('status', 16).notNullable();
      t.integer('revision').notNullable();
      t.string('created_by', 128).notNullable();
      /** JSON: every user who created or saved the draft (none of them may approve it). */
      t.text('editors').notNullable();
      t.string('base_code', 32).nullable();
      t.string('base_version', 32).nullable();
      /** JSON: the review's comments, oldest first. */
      t.text('comments').notNullable();
      t.string('content_hash', 64).notNullable();
      t.string('approved_by', 128).nullable();
      t.string('approved_hash', 64).nullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('updated_at').notNullable();
      t.index(['status', 'updated_at']);
    });
    await knex.schema.alterTable('cases', (t) => {
      t.index(['procedure_code', 'procedure_version', 'status'], 'cases_by_version');
    });
  },
  async down(knex) {
    await knex.schema.alterTable('cases', (t) => {
      t.dropIndex([], 'cases_by_version');
    });
    await knex.schema.dropTableIfExists('procedure_drafts');
    await knex.schema.dropTableIfExists('procedure_epoch');
    await knex.schema.alterTable('procedures', (t) => {
      for (const c of ['source', 'content_hash', 'published_at', 'published_by', 'retired_at', 'epoch']) t.dropColumn(c);
    });
  },
};

// Why an officer revoked a document: shown to its holder and the unit (the audit row keeps it too).
const revocationReason: Migration = {
  name: '0040_document_revocation_reason',
  // Plain ALTER (like 0050): never a table rebuild on SQLite.
  async up(knex) {
    await knex.raw('ALTER TABLE documents ADD COLUMN revoked_reason varchar(500) NULL');
  },
  async down(knex) {
    await knex.raw('ALTER TABLE documents DROP COLUMN revoked_reason');
  },
};

// Online payments (payments/): one row per payment started at the gateway, its receipt once
// a verified IPN settled it; every callback received, accepted or not, for the record; the
// refunds due (a paid case rejected).
const payments: Migration = {
  name: '0041_payments',
  async up(knex) {
    await knex.schema.createTable('payments', (t) => {
      t.increments('id').primary();
      t.string('txn_ref', 32).notNullable().unique();
      t.string('case_id', 64).notNullable().index();
      t.string('payer_id', 128).notNullable().index();
      t.string('unit_id', 64).notNullable();
      t.bigInteger('amount').notNullable();
      t.string('status', 16).notNullable();
      t.string('method', 16).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('expires_at').notNullable();
      t.bigInteger('paid_at').nullable();
      t.string('gateway_txn', 64).nullable();
      t.string('receipt_no', 32).nullable().unique();
      t.text('receipt').nullable();
    });
    await knex.schema.createTable('payment_callbacks', (t) => {
      t.increments('id').primary();
      t.string('txn_ref', 64).nullable().index();
      t.string('channel', 16).notNullable();
      t.string('outcome', 24).notNullable();
      t.text('params').notNullable();
      t.bigInteger('at').notNullable();
    });
    await knex.schema.createTable('refunds', (t) => {
      t.increments('id').primary();
      t.integer('payment_id').notNullable().unique().references('payments.id');
      t.string('case_id', 64).notNullable().index();
      t.bigInteger('amount').notNullable();
      t.string('reason', 64).notNullable();
      t.string('status', 16).notNullable();
      t.bigInteger('created_at').notNullable();
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('refunds');
    await knex.schema.dropTableIfExists('payment_callbacks');
    await knex.schema.dropTableIfExists('payments');
  },
};

// Who read a citizen's data (access/data-access.ts): one row per record read, by subject.
const dataAccess: Migration = {
  name: '0042_data_access',
  async up(knex) {
    await knex.schema.createTable('data_access', (t) => {
      t.increments('id').primary();
      t.string('subject_national_id', 32).nullable();
      t.string('source', 64).notNullable();
      t.string('record_key', 200).notNullable();
      t.string('kind', 16).notNullable();
      t.string('reader_id', 128).notNullable();
      t.string('reader_unit', 64).nullable();
      t.string('case_id', 64).notNullable();
      t.bigInteger('at').notNullable();
      t.index(['subject_national_id', 'at']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('data_access');
  },
};

// Sign-ins in progress through an OpenID Connect provider (oidc/transactions.ts): the PKCE
// verifier and the nonce of each authorization request, keyed by its state, spent once.
const oidcLogins: Migration = {
  name: '0043_oidc_logins',
  async up(knex) {
    await knex.schema.createTable('oidc_logins', (t) => {
      t.string('state', 64).primary();
      t.string('code_verifier', 128).notNullable();
      t.string('nonce', 64).notNullable();
      t.string('redirect_uri', 500).notNullable();
      t.bigInteger('created_at').notNullable();
      t.bigInteger('expires_at').notNullable();
      t.index(['expires_at']);
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists('oidc_logins');
  },
};

// A citizen's records read to prefill an e-form before filing (GET /api/procedures/:code/prefill)
// have no case yet: the read names the procedure instead, and its case is empty.
const dataAccessBeforeFiling: Migration = {
  name: '0080_data_access_before_filing',
  async up(knex) {
    await knex.schema.alterTable('data_access', (t) => {
      t.string('procedure_code', 32).nullable();
      t.setNullable('case_id');
    });
  },
  async down(knex) {
    await knex('data_access').whereNull('case_id').delete();
    await knex.schema.alterTable('data_access', (t) => {
      t.dropColumn('procedure_code');
      t.dropNullable('case_id');
    });
  },
};

/**
 * Append-only tables whose ids never need AUTOINCREMENT on SQLite: no row of them is ever
 * deleted, so a plain INTEGER PRIMARY KEY (the rowid, max + 1) is as monotonic and never
 * reuses an id, while AUTOINCREMENT reads and writes `sqlite_sequence` on every insert (a
 * filing inserts into three of them). Their ids are cursors (`case_events.id` for
 * notifications, `audit_log.id` in the chain, `outbox.id` in document numbers): a future
 * deletion of their newest rows would need AUTOINCREMENT back. `timers` keeps it: disarmed
 * alarms are deleted while the poller marks claimed ones by id.
 */
const ROWID_TABLES = ['case_events', 'audit_log', 'data_access', 'outbox'] as const;

/** Rebuilds a SQLite table without AUTOINCREMENT: same columns, keys, rows and indexes. */
async function dropAutoincrement(knex: Knex, table: string): Promise<void> {
  const [def] = await knex.raw<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
  if (!def || !/\bautoincrement\b/i.test(def.sql)) return;
  const indexes = await knex.raw<{ sql: string }[]>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]);
  const rebuilt = `${table}_rowid`;
  const ddl = def.sql
    .replace(/^CREATE TABLE (IF NOT EXISTS )?[`"]?\w+[`"]?/i, `CREATE TABLE "${rebuilt}"`)
    .replace(/\s+autoincrement\b/i, '');
  await knex.raw(ddl);
  await knex.raw(`INSERT INTO "${rebuilt}" SELECT * FROM "${table}"`);
  await knex.raw(`DROP TABLE "${table}"`);
  await knex.raw(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`);
  for (const index of indexes) await knex.raw(index.sql);
}

const rowidIds: Migration = {
  name: '0145_rowid_ids',
  async up(knex) {
    if ((knex.client as { config: { client?: unknown } }).config.client !== 'better-sqlite3') return;
    for (const table of ROWID_TABLES) await dropAutoincrement(knex, table);
  },
  // The ids stay valid either way: nothing to undo.
  down: () => Promise.resolve(),
};

export const MIGRATIONS: readonly Migration[] = [initial, childCases, worklistOrder, atomicIdempotency, resultDocuments, caseAlarms, uploadOwners, uploadAccess, unitCodes, notifications, demoUsers, signInLinks, publishing, revocationReason, payments, dataAccess, oidcLogins, statistics, unitValidity, dataAccessBeforeFiling, caseConsents, rowidIds, versionGuard];

/** knex's migration source interface over {@link MIGRATIONS}. */
export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: () => Promise.resolve([...MIGRATIONS]),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m),
};
