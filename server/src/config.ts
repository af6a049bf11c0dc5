/**
 * The server's configuration, read once from the environment. Everything has a default that
 * works on a laptop (`npm start`); production sets DATABASE_URL, MOTCUA_DEMO=0 and the OIDC
 * settings of the national e-ID.
 */
import { resolve } from 'node:path';
import { MotcuaError } from 'motcua/engine';
import type { NotificationConfig } from './notifications';

export interface OidcConfig {
  /** The `iss` claim tokens from the external issuer carry. */
  issuer: string;
  /** Where the issuer publishes its signing keys. */
  jwksUrl: string;
  /** The `aud` claim this server expects. */
  audience: string;
  /** Claim that holds the user id known to motcua (default `sub`). */
  userClaim: string;
}

export interface UploadLimits {
  /** Largest accepted upload in bytes. */
  maxBytes: number;
  /** Accepted media types; `type/*` wildcards allowed. */
  mediaTypes: string[];
}

export interface AuditAnchorConfig {
  /** The Ed25519 signing key (PKCS#8 PEM), created on first start; never stored in the database. */
  keyFile: string;
  /** Where checkpoints go: a directory (appended to) or an http(s) URL of a witness; `off` disables. */
  target: string;
  /** How often the head is checkpointed when it moved, in ms. */
  intervalMs: number;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** `postgres://...`, or undefined for the embedded SQLite file. */
  databaseUrl: string | undefined;
  /** SQLite file (when no DATABASE_URL), uploads and key files live here. */
  dataDir: string;
  sqliteFile: string;
  /** Demo mode: seeds demo users and enables `POST /api/auth/dev-login`. */
  demo: boolean;
  /**
   * Production only: delete the demo users a database kept from demo mode (audited) instead
   * of refusing to start (MOTCUA_REMOVE_DEMO_USERS).
   */
  removeDemoUsers: boolean;
  /** Checkpoints of the audit chain's head, signed and written outside the database. */
  auditAnchor: AuditAnchorConfig;
  /** Folder of the procedures library. */
  library: string;
  /** Folder of the designer's built web app, served at `/` when it exists. */
  webDir: string;
  oidc: OidcConfig | undefined;
  /** Issuer name of locally signed tokens. */
  localIssuer: string;
  tokenTtlSeconds: number;
  uploads: UploadLimits;
  /** How often the timer poller looks for due timers, in ms. */
  timerIntervalMs: number;
  /** How often the outbox consumer issues pending result documents, in ms. */
  outboxIntervalMs: number;
  /** How citizens and officers are told what happens (e-mail, SMS, the in-app inbox). */
  notifications: NotificationConfig;
  /**
   * MOTCUA_DUE_SOON_MS, still parsed but no longer read: due-soon is the engine's instant
   * (the last fifth of the time allowed), on the timeline and in the worklist alike.
   * @deprecated
   */
  dueSoonMs: number;
  /**
   * Test-clock mode (`motcua serve --test-clock`, never from the environment, never on by
   * default): the clock stands still until `PUT /api/test/clock` moves it, and the
   * `/api/test/...` endpoints set up scenarios (docs/testing.md, "Against a live server").
   */
  testClock: boolean;
}

type Env = Record<string, string | undefined>;

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new MotcuaError('E_CONFIG', `${name}=${raw} is not a non-negative integer`, {
      hint: `Set ${name} to a whole number, or unset it to use ${fallback}.`,
      path: name,
    });
  }
  return n;
}

/** A URL stays a URL; anything else is a directory, relative to the data dir. */
function auditTarget(raw: string | undefined, dataDir: string): string {
  if (raw === 'off' || /^https?:\/\//.test(raw ?? '')) return raw!;
  return resolve(dataDir, raw || 'audit-checkpoints');
}

/** Reads the configuration; `overrides` win over the environment (tests, the CLI's flags). */
export function loadConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const dataDir = resolve(overrides.dataDir ?? env.MOTCUA_DATA_DIR ?? './data');
  const issuer = env.MOTCUA_OIDC_ISSUER;
  const jwksUrl = env.MOTCUA_OIDC_JWKS_URL;
  const audience = env.MOTCUA_OIDC_AUDIENCE;
  if ((issuer || jwksUrl || audience) && !(issuer && jwksUrl && audience)) {
    throw new MotcuaError('E_CONFIG', 'OIDC is half configured', {
      hint: 'Set all of MOTCUA_OIDC_ISSUER, MOTCUA_OIDC_JWKS_URL and MOTCUA_OIDC_AUDIENCE, or none.',
      path: 'MOTCUA_OIDC_*',
    });
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new MotcuaError('E_CONFIG', `DATABASE_URL must be a postgres:// URL`, {
      hint: 'Unset DATABASE_URL to use the embedded SQLite file (MOTCUA_DATA_DIR/motcua.sqlite).',
      path: 'DATABASE_URL',
    });
  }
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    sqliteFile: resolve(dataDir, env.MOTCUA_SQLITE_FILE ?? 'motcua.sqlite'),
    demo: bool(env.MOTCUA_DEMO, false),
    removeDemoUsers: bool(env.MOTCUA_REMOVE_DEMO_USERS, false),
    auditAnchor: {
      keyFile: resolve(dataDir, env.MOTCUA_AUDIT_KEY_FILE ?? 'audit-checkpoint.key'),
      target: auditTarget(env.MOTCUA_AUDIT_CHECKPOINTS, dataDir),
      intervalMs: int(env, 'MOTCUA_AUDIT_CHECKPOINT_INTERVAL_MS', 60_000),
    },
    library: resolve(env.MOTCUA_LIBRARY ?? './procedures'),
    webDir: resolve(env.MOTCUA_WEB_DIR ?? './designer/dist'),
    oidc:
      issuer && jwksUrl && audience
        ? { issuer, jwksUrl, audience, userClaim: env.MOTCUA_OIDC_USER_CLAIM ?? 'sub' }
        : undefined,
    localIssuer: env.MOTCUA_ISSUER ?? 'motcua',
    tokenTtlSeconds: int(env, 'MOTCUA_TOKEN_TTL', 8 * 3600),
    uploads: {
      maxBytes: int(env, 'MOTCUA_UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      mediaTypes: (env.MOTCUA_UPLOAD_TYPES ?? 'application/pdf,image/jpeg,image/png')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    timerIntervalMs: int(env, 'MOTCUA_TIMER_INTERVAL_MS', 5000),
    outboxIntervalMs: int(env, 'MOTCUA_OUTBOX_INTERVAL_MS', 2000),
    dueSoonMs: int(env, 'MOTCUA_DUE_SOON_MS', 24 * 3600 * 1000),
    notifications: {
      ...(env.MOTCUA_SMTP_URL ? { smtpUrl: env.MOTCUA_SMTP_URL } : {}),
      mailFrom: env.MOTCUA_MAIL_FROM ?? 'Một cửa <no-reply@motcua.local>',
      ...(env.MOTCUA_SMS_URL ? { smsUrl: env.MOTCUA_SMS_URL } : {}),
      intervalMs: int(env, 'MOTCUA_NOTIFY_INTERVAL_MS', 2000),
    },
    testClock: false,
    ...overrides,
  };
}
