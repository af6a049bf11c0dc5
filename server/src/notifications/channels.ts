/**
 * Where messages go: e-mail over SMTP (nodemailer), SMS through an HTTP gateway, and the in-app
 * inbox (a message stored is a message delivered). A channel throws when the message was not
 * accepted; the notifier retries it later.
 */
import { createTransport } from 'nodemailer';

/** One message to send. `id` is stable across retries (the e-mail's Message-ID). */
export interface OutgoingMessage {
  id: number;
  to: string;
  subject: string;
  body: string;
}

/** A delivery channel other than the inbox. */
export interface Channel {
  kind: 'email' | 'sms';
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

/** E-mail through an SMTP server (`smtp://user:pass@host:port`, `smtps://...`). */
export function smtpChannel(url: string, from: string): Channel {
  const transport = createTransport(url);
  return {
    kind: 'email',
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.body, messageId: `<notification-${m.id}@motcua>` });
    },
    close: () => transport.close(),
  };
}

/**
 * SMS through an HTTP gateway: `POST url` with `{ id, to, text }` as JSON; any 2xx is accepted.
 * Vietnamese SMS gateways (brandname SMS) each have their own API; an adapter in front of them
 * speaks this one.
 */
export function smsHttpChannel(url: string, timeoutMs = 10_000): Channel {
  return {
    kind: 'sms',
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id: m.id, to: m.to, text: `${m.subject}. ${m.body}`.slice(0, 640) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}
