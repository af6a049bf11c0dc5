/**
 * A local SMTP sink for tests (the `smtp-server` package): an SMTP server on 127.0.0.1, no TLS
 * and no auth, that keeps every message it receives, and a decoder of the bodies nodemailer
 * writes, enough to search them for text.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message received: its envelope recipients and its raw source. */
export interface Mail {
  to: string;
  text: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for the server's `smtpUrl`. */
  url: string;
  mails: Mail[];
  close: () => Promise<void>;
}

/** An SMTP server on 127.0.0.1 that keeps what it receives (no TLS, no auth: a test sink). */
export async function smtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Decodes the quoted-printable / base64 body nodemailer writes, enough to search it for text. */
export function decoded(raw: string): string {
  const base64 = /Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  if (base64) return Buffer.from(base64[1]!.replace(/\s/g, ''), 'base64').toString('utf8');
  const qp = raw.replace(/=\r?\n/g, '').replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.split('=').slice(1).map((h) => parseInt(h, 16))).toString('utf8'));
  return qp;
}
