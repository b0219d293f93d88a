import type { AuditRow } from './auditTimeline.js';

const MOMENT: Record<string, string> = { window: 'открытие срока', reminder: 'напоминание', due: 'уведомление о сроке', escalation: 'ступень' };

const STATUS: Record<string, string> = { open: 'не исполнено', met: 'исполнено в срок', met_late: 'исполнено с опозданием', missed: 'не исполнено', waived: 'снято' };

/**
 * One Russian line saying what an audit record means, for the `audit` table: a sweep's counts,
 * an unmet deadline with its calendar explanation, a notice or escalation with its recipient and
 * message id. Unknown kinds fall back to their raw details.
 */
export function describeAuditRow(r: AuditRow): string {
  const d = r.details as Record<string, unknown>;
  switch (r.kind) {
    case 'sweep':
      return `Проверка: в срок ${d.met ?? 0}, с опозданием ${d.met_late ?? 0}, не исполнено ${d.opened ?? 0}, исполнено позже ${d.closedLate ?? 0}`;
    case 'case_opened':
    case 'case_met_late': {
      const explain = Array.isArray(d.explain) ? (d.explain as { text?: string }[]).map((e) => e.text).filter(Boolean).join('; ') : '';
      const head = r.kind === 'case_opened' ? 'Срок истёк, не исполнено' : 'Исполнено с опозданием';
      return `${head}: событие ${String(d.eventDate ?? '')} (${r.subject_kind ?? ''} ${r.subject_id ?? ''}), срок «${String(d.term ?? '')}» → последний день ${String(d.lastDay ?? r.last_day ?? '')}, истёк ${String(d.due ?? r.due_at ?? '')}${explain ? `. Расчёт: ${explain}` : ''}`;
    }
    case 'deadline_computed': {
      const explain = Array.isArray(d.explain) ? (d.explain as { text?: string }[]).map((e) => e.text).filter(Boolean).join('; ') : '';
      return `Расчёт срока для событий ${String(d.eventDate ?? '')}: срок «${String(d.term ?? '')}» → последний день ${String(d.lastDay ?? '')}, истекает ${String(d.due ?? '')}${explain ? `. ${explain}` : ''}`;
    }
    case 'case_closed':
      return `Исполнено с опозданием (${STATUS[String(d.status)] ?? String(d.status)})`;
    case 'notification_sent':
      return `Уведомление: ${String(d.recipient)} (${String(d.role)}), письмо ${String(d.messageId)} «${String(d.subject)}»`;
    case 'escalation_sent':
      return `Эскалация, ступень ${Number(d.step) + 1}: ${String(d.recipient)} (${String(d.role)}), письмо ${String(d.messageId)} «${String(d.subject)}»`;
    case 'notification_failed':
      return `Не удалось отправить (${String(d.recipient)}): ${String(d.error)}; уведомление ждёт повторной отправки`;
    case 'no_recipient':
      return `Нет ответственного с ролью «${String(d.role)}» для ступени ${Number(d.step) + 1}`;
    case 'waiver':
      return `Обязанность снята за период ${String(d.periodId ?? '')}: ${r.actor}, основание: «${String(d.reason ?? '')}»`;
    case 'manual_confirmation':
      return `Подтверждено вручную: ${r.actor}${d.note ? ` («${String(d.note)}»)` : ''}`;
    case 'check':
      return `Проверка за период ${String(d.periodId ?? '')}: исполнено ${d.met ?? 0}, с опозданием ${d.metLate ?? 0}, не исполнено ${d.missed ?? 0}, в работе ${d.pending ?? 0}${d.waived ? `, снято ${String(d.waived)}` : ''}${d.fallback ? ` (${String(d.fallback)})` : ''}`;
    case 'moments_skipped': {
      const moments = Array.isArray(d.moments) ? (d.moments as { at: string; notice: string; step: number; repeat: number }[]) : [];
      const what = moments.map((m) => `${MOMENT[m.notice] ?? m.notice}${m.notice === 'escalation' ? ` ${m.step + 1}${m.repeat ? ` (повтор ${m.repeat})` : ''}` : ''} — ${m.at}`);
      return `Запущено после наступления сроков: пропущено прошедших моментов ${moments.length} (${what.join('; ')})`;
    }
    case 'notifications_due':
      return `Подготовлено уведомлений: ${String(d.recorded)}`;
    default:
      return JSON.stringify(d);
  }
}
