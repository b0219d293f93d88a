import { simpleParser, type AddressObject } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { log } from './log.js';
import type { CapturedMail } from './mailStore.js';

/** A loopback SMTP server that keeps every message it receives. */
export interface RunningSmtpCapture {
  /** `smtp://127.0.0.1:<port>`, ready for nodemailer. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

function addresses(a: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  return list.flatMap((x) => x.value.map((v) => v.address ?? '')).filter(Boolean);
}

/**
 * Starts an SMTP server on 127.0.0.1:`port` (0 picks a free port) that accepts every message
 * without authentication and stores it in `dir` as the raw `.eml` plus a parsed `.json`
 * (see `CapturedMail`). A message is acknowledged only after both files are on disk, so a
 * sender that got "250 OK" can rely on the capture holding it.
 */
export async function startSmtpCapture(opts: { dir: string; port: number }): Promise<RunningSmtpCapture> {
  mkdirSync(opts.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          const receivedAt = new Date();
          const id = `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
          const mail: CapturedMail = {
            id,
            from: addresses(parsed.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            headerTo: addresses(parsed.to),
            cc: addresses(parsed.cc),
            subject: parsed.subject ?? '',
            date: (parsed.date ?? receivedAt).toISOString(),
            receivedAt: receivedAt.toISOString(),
            messageId: parsed.messageId ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: Object.fromEntries([...parsed.headers.keys()].filter((k) => k.startsWith('x-reglament')).map((k) => [k, String(parsed.headers.get(k))])),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, size: a.size, content: a.contentType.startsWith('text/') ? a.content.toString('utf8') : undefined })),
          };
          await writeFile(join(opts.dir, `${id}.eml`), raw);
          // Written under a temporary name and renamed, so readers never see half a file.
          await writeFile(join(opts.dir, `${id}.json.tmp`), JSON.stringify(mail, null, 2));
          await rename(join(opts.dir, `${id}.json.tmp`), join(opts.dir, `${id}.json`));
        })().then(() => callback(), (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  log('smtp-capture.started', { port, dir: opts.dir });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
