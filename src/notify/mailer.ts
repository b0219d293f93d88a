import nodemailer from 'nodemailer';

/** A message ready to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `X-Reglament-Rule`, so that recipients' mail rules and auditors can match. */
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Sends mail; resolves with the Message-ID once the server accepted it, rejects otherwise. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

/** The sender address on every notice: `REGLAMENT_MAIL_FROM` or a local default. */
export function senderAddress(): string {
  return process.env.REGLAMENT_MAIL_FROM ?? 'Reglament <reglament@reglament.local>';
}

/**
 * A nodemailer SMTP mailer for `smtpUrl` (e.g. `smtp://127.0.0.1:2525`, or `smtps://user:pass@host`),
 * over a small pool of reused connections.
 * Connection failures reject `send`; callers retry (the notification stays pending until sent).
 */
export function createMailer(smtpUrl: string): Mailer {
  // Pooled: a daily digest run sends one message per recipient, and a connection per message would
  // cost more than the message.
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 4 } as Parameters<typeof nodemailer.createTransport>[0], { from: senderAddress() });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: senderAddress(), ...mail });
      return info.messageId;
    },
    close: () => transport.close(),
  };
}
