import { formatRu } from '../time/isoDate.js';
import type { SimulationReport } from './simulationReport.js';

const STATUS_RU: Record<string, string> = { met: 'в срок', met_late: 'с опозданием', missed: 'не исполнено', open: 'открыто', pending: 'ожидается', waived: 'снято' };
const statusLine = (counts: Record<string, number>) =>
  Object.entries(counts).map(([k, n]) => `${STATUS_RU[k] ?? k}: ${n}`).join(', ') || 'нет';

/** The simulation report as Russian text for the terminal: totals, a table per municipality, the rules missed most. */
export function formatSimulationReport(r: SimulationReport): string {
  const { run } = r;
  const lines = [
    `Моделирование с ${formatRu(run.from)} по ${formatRu(run.to)}: ${(run.elapsedMs / 1000).toFixed(1)} с`,
    `  Процессов: драйверов ${run.drivers}, проверок событий ${run.sweeps}, вхождений ${run.occurrences}, ежедневных сводок ${run.digests}` +
      (run.skipped.length ? `; не запущено правил: ${run.skipped.length}` : ''),
    '',
    'Обязанности',
    `  периодические: ${statusLine(r.obligations.period)}`,
    `  по событиям (нарушения): ${statusLine(r.obligations.event)}`,
    '',
    'Уведомления',
    `  открытие срока: ${r.notifications.window}, напоминания: ${r.notifications.reminder}, о пропуске срока: ${r.notifications.deadline}, эскалации: ${r.notifications.escalation} (из них повторных: ${r.notifications.repeats})`,
    `  по состоянию: ${Object.entries(r.notifications.byStatus).map(([k, n]) => `${k}: ${n}`).join(', ') || 'нет'}`,
    `  писем: ${r.mail.messages} (сводок из нескольких уведомлений: ${r.mail.digestsWithSeveralNotices}), адресатов: ${r.mail.recipients}`,
    '',
    'Исполнение по муниципалитетам (периодические обязанности организаций)',
  ];
  const rows = r.municipalities.map((m) => [
    m.name, String(m.judged), String(m.met), String(m.metLate), String(m.missed),
    m.compliance === null ? '—' : `${m.compliance.toFixed(1)} %`, m.level ?? '—', String(m.eventViolations),
  ]);
  const header = ['Муниципалитет', 'Оценено', 'В срок', 'С опозд.', 'Не исп.', 'Исполнение', 'Уровень', 'Нарушения по событиям'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => '  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(fmt(header), ...rows.map(fmt));
  if (r.worstRules.length) {
    lines.push('', 'Чаще всего не исполняются');
    for (const w of r.worstRules) lines.push(`  ${w.rule}: не исполнено ${w.missed}, с опозданием ${w.metLate}`);
  }
  return lines.join('\n') + '\n';
}
