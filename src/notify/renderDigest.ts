import type { OutgoingMail } from './mailer.js';

/** A queued notice as the digest reads it back from the outbox. */
export interface DigestPart {
  id: number;
  subject: string;
  text: string;
  html: string;
  attachments: NonNullable<OutgoingMail['attachments']>;
  headers: Record<string, string>;
}

const bodyOf = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * One e-mail for one recipient from their queued notices of the day (`dayRu`, e.g. «12.09.2024»).
 * A single notice goes as it was rendered; several become one digest: a numbered list of their
 * subjects, then each notice in full, with every calendar attachment (distinct names kept apart).
 */
export function renderDigest(to: string, dayRu: string, parts: readonly DigestPart[]): OutgoingMail {
  if (parts.length === 1) {
    const p = parts[0]!;
    return { to, subject: p.subject, text: p.text, html: p.html, headers: { ...p.headers, 'X-Reglament-Digest': dayRu }, attachments: p.attachments };
  }
  const subject = `Reglament: сводка уведомлений за ${dayRu} — ${parts.length}`;
  const list = parts.map((p, i) => `${i + 1}. ${p.subject}`);
  const text = [
    `Сводка уведомлений Reglament за ${dayRu}: ${parts.length}.`, '', ...list, '',
    ...parts.flatMap((p, i) => [`${'='.repeat(72)}`, `${i + 1}. ${p.subject}`, '', p.text, '']),
  ].join('\n');
  const html = [
    `<!doctype html><html lang="ru"><body>`,
    `<p>Сводка уведомлений Reglament за ${esc(dayRu)}: ${parts.length}.</p>`,
    `<ol>${parts.map((p) => `<li>${esc(p.subject)}</li>`).join('')}</ol>`,
    ...parts.map((p, i) => `<hr><h3>${i + 1}. ${esc(p.subject)}</h3>\n${bodyOf(p.html)}`),
    `</body></html>`,
  ].join('\n');
  const seen = new Map<string, number>();
  const attachments = parts.flatMap((p) => p.attachments).map((a) => {
    const n = seen.get(a.filename) ?? 0;
    seen.set(a.filename, n + 1);
    return n === 0 ? a : { ...a, filename: a.filename.replace(/(\.[^.]+)?$/, (ext) => `-${n + 1}${ext}`) };
  });
  const rules = [...new Set(parts.map((p) => p.headers['X-Reglament-Rule']).filter((r): r is string => !!r))];
  return { to, subject, text, html, attachments, headers: { 'X-Reglament-Digest': dayRu, ...(rules.length ? { 'X-Reglament-Rules': rules.join(', ') } : {}) } };
}
