import { addDays, formatRu } from '../time/isoDate.js';
import type { IdleRule } from './idleRules.js';
import { formatLocalRu } from './localDay.js';
import type { Occurrence } from './occurrence.js';
import type { PlanRange } from './planRegulation.js';

const HEADER = ['Срок (местное время)', 'Часовой пояс', 'Период', 'Правило', 'Кто — что (пункт документа)'] as const;

/**
 * Renders a plan as a Russian text table, one row per deadline of each tier (and per campaign
 * opening), sorted by the instant: the local time in the regulation's zone (24:00 is the end of the
 * day), the zone's name, the period, `<regulation>/<rule>`, the clause, the responsible role and
 * the rule's title with marks (provisional, conditional, moved off a day off). Event-relative rules
 * follow as a list with their terms in words, then `idle` rules with the reason. Never throws.
 */
export function renderPlanTable(occurrences: Occurrence[], range: PlanRange, idle: IdleRule[] = []): string {
  const rows: { at: number; opening: boolean; cells: string[] }[] = [];
  const events = occurrences.filter((o) => o.kind === 'event');
  for (const o of occurrences) {
    const rule = `${o.regulationId}/${o.ruleId}`;
    const clause = clauseRu(o.citation.clause);
    if (o.kind === 'campaign_opening' && o.windowOpens) {
      rows.push({ at: Date.parse(o.windowOpens), opening: true, cells: [`с ${formatLocalRu(o.windowOpens, o.timezone, 'start')}`, o.timezone, o.period.label, rule, `${o.who.map((w) => w.title).join('; ')} — ${o.title} [${clause}] (начало кампании)`] });
    }
    for (const d of o.deadlines) {
      const marks = [
        o.conditional ? o.conditional.text : '',
        d.moved ? `перенесено с ${formatRu(d.until === 'exclusive' ? addDays(d.namedDay, -1) : d.namedDay)}` : '',
        d.until === 'exclusive' ? `до начала ${formatRu(d.namedDay)}` : '',
        d.provisional ? 'предварительно' : '',
      ].filter(Boolean);
      rows.push({ at: Date.parse(d.due), opening: false, cells: [formatLocalRu(d.due, o.timezone), o.timezone, o.period.label, rule, `${d.role.title} — ${o.title} [${clause}]${marks.length ? ` (${marks.join('; ')})` : ''}`] });
    }
  }
  // 24:00 of one day is 00:00 of the next: a deadline ending then comes before what opens then.
  rows.sort((a, b) => a.at - b.at || Number(a.opening) - Number(b.opening));

  const lines: string[] = [];
  lines.push(`Сроки с ${formatRu(range.from)} по ${formatRu(range.to)}: сроков — ${rows.length}, правил по событиям — ${events.length}${idle.length ? `, правил без сроков в периоде — ${idle.length}` : ''}.`);
  lines.push('');
  if (rows.length) {
    const widths = HEADER.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => (i < widths.length ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd();
    lines.push(line(HEADER));
    lines.push(line(HEADER.map((_, i) => '─'.repeat(i < widths.length ? widths[i]! : HEADER[i]!.length))));
    for (const r of rows) lines.push(line(r.cells));
    lines.push('');
    lines.push('24:00 — срок истекает в конце этого дня по местному времени (ст. 194 ГК РФ); нерабочий последний день переносится на следующий рабочий (ст. 193 ГК РФ).');
  } else {
    lines.push('В этом периоде сроков нет.');
  }
  if (events.length) {
    lines.push('');
    lines.push('Правила по событиям (срок отсчитывается от каждого события, заранее дат нет):');
    for (const o of events) {
      const e = o.event!;
      const terms = e.tiers.length > 1 ? e.tiers.map((t) => `${t.role.title}: ${t.text}`).join('; ') : `${e.tiers[0]!.role.title}: ${e.text}`;
      lines.push(`  ${o.regulationId}/${o.ruleId} [${clauseRu(o.citation.clause)}] — ${o.title}. ${terms}`);
    }
  }
  if (idle.length) {
    lines.push('');
    lines.push('Правила без сроков в этом периоде:');
    for (const r of idle) lines.push(`  ${r.regulationId}/${r.ruleId} — ${r.title}: ${r.text}`);
  }
  return lines.join('\n') + '\n';
}

/** «п. 1.4.3» for a numbered clause; «приложение 2, строка 5» as it is. */
function clauseRu(clause: string): string {
  return /^\d/.test(clause) ? `п. ${clause}` : clause;
}
