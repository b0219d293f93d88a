import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** One message as kept by the SMTP capture; `to` is the envelope's recipients. */
export interface CapturedMail {
  id: string;
  from: string;
  to: string[];
  headerTo: string[];
  cc: string[];
  subject: string;
  /** The message's Date header (ISO). */
  date: string;
  receivedAt: string;
  messageId: string;
  text: string;
  html: string;
  /** The message's `X-Reglament-*` headers (lower-cased names). */
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; size: number; content?: string }[];
}

/** Every message captured in `dir`, oldest first. An absent folder holds no messages. */
export function listCapturedMail(dir: string): CapturedMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CapturedMail);
}
