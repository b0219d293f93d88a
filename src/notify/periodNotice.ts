import { CHECKS } from '../checks/catalog.js';
import type { CompiledRule, RoleRef } from '../regulation/model.js';
import { deadlineIcs } from './deadlineIcs.js';
import type { OutgoingMail } from './mailer.js';
import { ruCitation, ruDeadline } from './overdueNotice.js';
import type { NoticeContext } from './overdueNotice.js';

/** Which moment of an occurrence a notice belongs to. */
export type PeriodNoticeKind = 'window' | 'reminder' | 'due' | 'escalation';

/** One subject (organisation) a period notice is about. */
export interface NoticeSubject {
  organisationId: string;
  organisationName: string;
  status: string;
  level?: string;
  metric?: number | null;
  counts: Record<string, number>;
  /** Offending record ids: listed only to the organisation's own staff. */
  offending: string[];
}

/** What a period notice needs. */
export interface PeriodNoticeContext {
  kind: PeriodNoticeKind;
  regulation: NoticeContext['regulation'];
  rule: CompiledRule;
  periodLabel: string;
  periodId: string;
  lastDay: string;
  tierRole: RoleRef;
  recipient: { email: string; fullName: string; role: RoleRef };
  step: number;
  subjects: NoticeSubject[];
  /** The deadline instant and tier, for the calendar attachment of upcoming deadlines. */
  dueAt: string;
  tier: number;
  /** When the notice is made (the .ics DTSTAMP). */
  now: Date;
  /** Repeat of the ladder's last step (0 or absent: the step itself); a repeat says so in the subject. */
  repeat?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const HEAD: Record<PeriodNoticeKind, string> = {
  window: 'Открыт срок исполнения',
  reminder: 'Напоминание о сроке',
  due: 'Срок истёк',
  escalation: 'Эскалация',
};

/**
 * Renders a Russian notice for one occurrence of a period rule (window open, reminder, missed
 * deadline, escalation) to one recipient. Organisation-level recipients see their own organisation's
 * evidence, including offending record ids; municipal and regional recipients see counts and levels
 * per organisation only.
 */
export function renderPeriodNotice(ctx: PeriodNoticeContext): OutgoingMail {
  const { rule, regulation } = ctx;
  const own = ctx.recipient.role.scope === 'organisation';
  const deadline = ruDeadline(ctx.lastDay, regulation.timezone);
  const check = CHECKS[rule.check.name];
  const head = ctx.repeat ? `${HEAD[ctx.kind]} (повторно, ${ctx.repeat + 1}-й раз)` : HEAD[ctx.kind];
  const subject = own
    ? `${head}: ${rule.title} (${ctx.periodLabel}) — ${ctx.subjects[0]?.organisationName ?? ''}`
    : `${head}: ${rule.title} (${ctx.periodLabel}) — организаций: ${ctx.subjects.length}`;
  const intro: Record<PeriodNoticeKind, string> = {
    window: `Открыт срок исполнения обязанности «${rule.title}» за период «${ctx.periodLabel}». Срок: до ${deadline}.`,
    reminder: `Срок исполнения обязанности «${rule.title}» за период «${ctx.periodLabel}» истекает ${deadline}. По данным на сейчас обязанность не исполнена.`,
    due: `Истёк срок исполнения обязанности «${rule.title}» за период «${ctx.periodLabel}» (${deadline}). Обязанность не исполнена.`,
    escalation: `Вы получаете это письмо как ответственный (${ctx.recipient.role.title}): обязанность «${rule.title}» за период «${ctx.periodLabel}» не исполнена в срок (${deadline}).`,
  };
  const lines = [`Здравствуйте, ${ctx.recipient.fullName}!`, '', intro[ctx.kind], `Основание: ${ruCitation(regulation.source, rule.citation.clause)}.`, `«${rule.citation.text}»`, ''];
  const html = [`<p>Здравствуйте, ${esc(ctx.recipient.fullName)}!</p>`, `<p>${esc(intro[ctx.kind])}</p>`, `<p>Основание: ${esc(ruCitation(regulation.source, rule.citation.clause))}.<br><i>«${esc(rule.citation.text)}»</i></p>`];
  if (check && check.name !== 'manual') lines.push(`Проверка: ${check.title}.`);
  if (check?.name === 'manual') lines.push(`Исполнение подтверждается ответственным: reglament confirm ${regulation.id}/${rule.id} ${ctx.periodId} <организация> --by <ФИО>.`);
  html.push('<table border="1" cellpadding="4" cellspacing="0"><tr><th>Организация</th><th>Состояние</th><th>Показатель</th><th>Подробности</th></tr>');
  for (const s of ctx.subjects) {
    const metric = s.metric !== null && s.metric !== undefined ? `${s.metric.toFixed(1)} %${s.level ? ` (${s.level})` : ''}` : '';
    const counts = Object.entries(s.counts).map(([k, v]) => `${k}: ${v}`).join(', ');
    const ids = own && s.offending.length ? `; записи: ${s.offending.slice(0, 50).join(', ')}${s.offending.length > 50 ? ' …' : ''}` : '';
    lines.push(`— ${s.organisationName}: ${STATUS_RU[s.status] ?? s.status}${metric ? `, ${metric}` : ''}${counts ? `; ${counts}` : ''}${ids}`);
    html.push(`<tr><td>${esc(s.organisationName)}</td><td>${esc(STATUS_RU[s.status] ?? s.status)}</td><td>${esc(metric)}</td><td>${esc(counts + ids)}</td></tr>`);
  }
  html.push('</table>');
  const more = `Подробнее: reglament audit --rule ${rule.id}${own && ctx.subjects[0] ? ` --org ${ctx.subjects[0].organisationId}` : ''}`;
  lines.push('', more, '', '—', 'Reglament: письмо сформировано автоматически, отвечать на него не нужно.');
  html.push(`<p>${esc(more)}</p><p style="color:#777">Reglament: письмо сформировано автоматически, отвечать на него не нужно.</p>`);
  // Upcoming deadlines travel with a calendar entry; past ones would only clutter the calendar.
  const attachments = ctx.kind === 'window' || ctx.kind === 'reminder'
    ? [{
      filename: 'srok.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: deadlineIcs({
        uid: `${regulation.id}/${rule.id}/${ctx.periodId}/${ctx.tier}`, summary: `Срок: ${rule.title} (${ctx.periodLabel})`,
        description: `Основание: ${ruCitation(regulation.source, rule.citation.clause)}. Срок: до ${deadline}.`, due: ctx.dueAt, stamp: ctx.now,
      }),
    }]
    : [];
  return {
    to: ctx.recipient.email,
    subject,
    attachments,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="ru"><body>${html.join('\n')}</body></html>`,
    headers: {
      'X-Reglament-Regulation': regulation.id,
      'X-Reglament-Rule': rule.id,
      'X-Reglament-Period': ctx.periodId,
      'X-Reglament-Notice': ctx.kind,
      'X-Reglament-Step': String(ctx.step),
      'X-Reglament-Version': regulation.versionHash.slice(0, 12),
    },
  };
}

const STATUS_RU: Record<string, string> = { met: 'исполнено', met_late: 'исполнено с опозданием', missed: 'не исполнено', pending: 'не исполнено', open: 'не исполнено' };
