/**
 * The notifier: plans notifications from the case timeline and delivers them, every
 * `intervalMs` and on demand (`drain`, for tests and after a restart).
 */
import type { Database } from '../db';
import { smsHttpChannel, smtpChannel, type Channel } from './channels';
import { deliverNotifications, type DeliveryReport } from './deliver';
import { planNotifications } from './plan';
import { startPeriodic } from '../background/periodic';

/** How notifications leave the server (`MOTCUA_SMTP_URL`, `MOTCUA_MAIL_FROM`, `MOTCUA_SMS_URL`). */
export interface NotificationConfig {
  smtpUrl?: string;
  mailFrom: string;
  smsUrl?: string;
  intervalMs: number;
  /** First retry delay (doubles each attempt). */
  backoffMs?: number;
  maxAttempts?: number;
}

export interface NotifierOptions {
  db: Database;
  config: NotificationConfig;
  procedureName: (code: string, version: string) => string | undefined;
  now?: () => number;
  log?: (line: string) => void;
  /** Channels to use instead of those the config names (tests). */
  channels?: Partial<Record<'email' | 'sms', Channel>>;
}

export interface NotifyReport extends DeliveryReport {
  planned: number;
}

export interface Notifier {
  drain: () => Promise<NotifyReport>;
  stop: () => Promise<void>;
}

export function startNotifier(o: NotifierOptions): Notifier {
  const now = o.now ?? Date.now;
  const channels: Partial<Record<'email' | 'sms', Channel>> = o.channels ?? {
    ...(o.config.smtpUrl ? { email: smtpChannel(o.config.smtpUrl, o.config.mailFrom) } : {}),
    ...(o.config.smsUrl ? { sms: smsHttpChannel(o.config.smsUrl) } : {}),
  };
  const deps = {
    db: o.db,
    channels,
    ...(o.log ? { log: o.log } : {}),
    ...(o.config.backoffMs ? { backoffMs: o.config.backoffMs } : {}),
    ...(o.config.maxAttempts ? { maxAttempts: o.config.maxAttempts } : {}),
  };
  const loop = startPeriodic(
    async (): Promise<NotifyReport> => {
      const planned = await planNotifications({ db: o.db, channels: { email: !!channels.email, sms: !!channels.sms }, procedureName: o.procedureName }, now());
      return { planned, ...(await deliverNotifications(deps, now())) };
    },
    { intervalMs: o.config.intervalMs, label: 'notifications', log: o.log },
  );
  return {
    drain: loop.run,
    async stop() {
      await loop.stop();
      for (const c of Object.values(channels)) c.close?.();
    },
  };
}
