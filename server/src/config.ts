/**
 * The server's configuration, read once from the environment. Everything has a default that
 * works on a laptop (`npm start`); production sets DATABASE_URL, MOTCUA_DEMO=0 and the OIDC
 * settings of the national e-ID.
 */
import { randomBytes } from 'node:crypto';
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

/**
 * Sign-in with OpenID Connect (server/src/oidc/): the browser is sent to the provider
 * (authorization code with PKCE) and comes back to `/api/auth/oidc/callback`.
 * - `embedded`: demo mode's stand-in for VNeID (oidc-provider at `/oidc` on the same port),
 *   never in production;
 * - `external`: a real provider (VNeID or any OIDC provider), found by discovery at its issuer;
 * - `off`: no e-ID sign-in (production without a configured provider).
 */
export type SignInConfig =
  | { kind: 'off' }
  | ({ kind: 'embedded' } & SignInClaims)
  | ({
      kind: 'external';
      /** The provider's issuer URL (MOTCUA_OIDC_ISSUER); discovery at `<issuer>/.well-known/openid-configuration`. */
      issuer: string;
      /** This server's client id (MOTCUA_OIDC_CLIENT_ID) and secret (MOTCUA_OIDC_CLIENT_SECRET; unset: a public client, PKCE only). */
      clientId: string;
      clientSecret: string | undefined;
      /** The registered redirect URI (MOTCUA_OIDC_REDIRECT_URL); unset: `<public origin>/api/auth/oidc/callback`. */
      redirectUrl: string | undefined;
      /** Scopes asked for (MOTCUA_OIDC_SCOPE, default `openid profile national_id`). */
      scope: string;
    } & SignInClaims);

/** Which ID-token claims carry the person's national ID and name. */
export interface SignInClaims {
  /** MOTCUA_OIDC_NATIONAL_ID_CLAIM, default `national_id`. */
  nationalIdClaim: string;
  /** MOTCUA_OIDC_NAME_CLAIM, default `name`. */
  nameClaim: string;
}

export interface UploadLimits {
  /** Largest accepted upload in bytes. */
  maxBytes: number;
  /** Accepted media types; `type/*` wildcards allowed. */
  mediaTypes: string[];
}

/**
 * The payment gateway (payments/): the built-in simulator by default, or a real gateway of
 * the same protocol (redirect, signed return, IPN; HMAC-SHA512).
 */
export interface PaymentConfig {
  /** The merchant's shared secret with the gateway (MOTCUA_PAYMENT_SECRET). Unset: a random one per process (demo only; a real gateway issues it). */
  secret: string;
  /** Whether the secret came from the configuration. */
  secretConfigured: boolean;
  /** The merchant (terminal) code the gateway issued (MOTCUA_PAYMENT_MERCHANT). */
  merchant: string;
  /** The gateway's payment page (MOTCUA_PAYMENT_GATEWAY_URL); unset: the built-in simulator. */
  gatewayUrl: string | undefined;
  /** How long a started payment may complete, in seconds (MOTCUA_PAYMENT_TTL, default 900). */
  ttlSeconds: number;
  /** The account bank transfers go to (VietQR), when MOTCUA_VIETQR_BIN and MOTCUA_VIETQR_ACCOUNT are set. */
  bankAccount: { bin: string; account: string; name?: string } | undefined;
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
  /** Sign-in through an OpenID Connect provider (the e-ID). */
  signIn: SignInConfig;
  /** Issuer name of locally signed tokens. */
  localIssuer: string;
  tokenTtlSeconds: number;
  uploads: UploadLimits;
  /**
   * The origin citizens and verifiers reach the server at (MOTCUA_PUBLIC_URL, e.g.
   * `https://dichvucong.example.gov.vn`): printed in result PDFs' QR codes and used as the
   * payment gateway's return address. Unset: the origin of the request (behind a proxy, its
   * X-Forwarded-* headers).
   */
  publicUrl: string | undefined;
  payments: PaymentConfig;
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
  const clientId = env.MOTCUA_OIDC_CLIENT_ID || undefined;
  // Two uses of one issuer: accepting its tokens as bearer tokens (issuer, JWKS, audience) and
  // signing browsers in through it (issuer, client id). Anything else is half a configuration.
  if (((jwksUrl || audience) && !(issuer && jwksUrl && audience)) || (issuer && !clientId && !(jwksUrl && audience)) || (clientId && !issuer)) {
    throw new MotcuaError('E_CONFIG', 'OIDC is half configured', {
      hint: 'For sign-in set MOTCUA_OIDC_ISSUER and MOTCUA_OIDC_CLIENT_ID (and MOTCUA_OIDC_CLIENT_SECRET); to accept its tokens as bearer tokens also MOTCUA_OIDC_JWKS_URL and MOTCUA_OIDC_AUDIENCE.',
      path: 'MOTCUA_OIDC_*',
    });
  }
  if (issuer && !/^https?:\/\//.test(issuer)) {
    throw new MotcuaError('E_CONFIG', `MOTCUA_OIDC_ISSUER=${issuer.slice(0, 100)} is not an http(s) URL`, { hint: 'Give the provider\'s issuer URL, e.g. https://vneid.example.gov.vn.', path: 'MOTCUA_OIDC_ISSUER' });
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new MotcuaError('E_CONFIG', `DATABASE_URL must be a postgres:// URL`, {
      hint: 'Unset DATABASE_URL to use the embedded SQLite file (MOTCUA_DATA_DIR/motcua.sqlite).',
      path: 'DATABASE_URL',
    });
  }
  const config: ServerConfig = {
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
    signIn: { kind: 'off' },
    localIssuer: env.MOTCUA_ISSUER ?? 'motcua',
    tokenTtlSeconds: int(env, 'MOTCUA_TOKEN_TTL', 8 * 3600),
    uploads: {
      maxBytes: int(env, 'MOTCUA_UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      mediaTypes: (env.MOTCUA_UPLOAD_TYPES ?? 'application/pdf,image/jpeg,image/png')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    },
    publicUrl: env.MOTCUA_PUBLIC_URL || undefined,
    payments: {
      secret: env.MOTCUA_PAYMENT_SECRET || randomBytes(32).toString('hex'),
      secretConfigured: Boolean(env.MOTCUA_PAYMENT_SECRET),
      merchant: env.MOTCUA_PAYMENT_MERCHANT || 'MOTCUA01',
      gatewayUrl: env.MOTCUA_PAYMENT_GATEWAY_URL || undefined,
      ttlSeconds: int(env, 'MOTCUA_PAYMENT_TTL', 900),
      bankAccount:
        env.MOTCUA_VIETQR_BIN && env.MOTCUA_VIETQR_ACCOUNT
          ? { bin: env.MOTCUA_VIETQR_BIN, account: env.MOTCUA_VIETQR_ACCOUNT, ...(env.MOTCUA_VIETQR_NAME ? { name: env.MOTCUA_VIETQR_NAME } : {}) }
          : undefined,
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
  if (!overrides.signIn) {
    const claims: SignInClaims = { nationalIdClaim: env.MOTCUA_OIDC_NATIONAL_ID_CLAIM || 'national_id', nameClaim: env.MOTCUA_OIDC_NAME_CLAIM || 'name' };
    // The embedded provider signs anyone in as any account: demo mode only.
    if (issuer && clientId) {
      config.signIn = {
        kind: 'external',
        issuer,
        clientId,
        clientSecret: env.MOTCUA_OIDC_CLIENT_SECRET || undefined,
        redirectUrl: env.MOTCUA_OIDC_REDIRECT_URL || undefined,
        scope: env.MOTCUA_OIDC_SCOPE || 'openid profile national_id',
        ...claims,
      };
    } else if (config.demo) config.signIn = { kind: 'embedded', ...claims };
  }
  return config;
}
