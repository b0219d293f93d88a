import ical, { ICalAlarmType } from 'ical-generator';
import { formatLocalRu } from './localDay.js';
import type { Occurrence, PlannedDeadline } from './occurrence.js';

/** Options of `renderPlanIcs`. */
export interface IcsOptions {
  /** DTSTAMP of every event: when the file was made (passed in, so output is reproducible). */
  stamp: Date;
  /** Calendar name (X-WR-CALNAME). */
  name?: string;
}

/**
 * Renders occurrences as an RFC 5545 calendar: one VEVENT per deadline of each tier, at the due
 * instant (DTSTART in UTC, no duration), with UID `<regulation>/<rule>/<period>/<tier>@reglament`, a
 * Russian SUMMARY (the rule's title, period and role), a DESCRIPTION with the citation, who and the
 * local deadline, and a display VALARM per reminder of that tier at its absolute time; a campaign
 * opening becomes one VEVENT at the opening (UID `…/opening@reglament`). Event-relative rules have
 * no dates and are left out. CRLF line endings and folding at 75 octets come from ical-generator.
 * Never throws for planner output.
 */
export function renderPlanIcs(occurrences: Occurrence[], options: IcsOptions): string {
  const calendar = ical({ name: options.name ?? 'Reglament: сроки регламентов', prodId: { company: 'reglament', product: 'plan', language: 'RU' } });
  for (const o of occurrences) {
    if (o.kind === 'campaign_opening' && o.windowOpens) {
      calendar.createEvent({
        id: `${o.id}/opening@reglament`,
        start: new Date(o.windowOpens),
        stamp: options.stamp,
        summary: `Начало: ${o.title} (${o.period.label})`,
        description: describe(o, undefined),
      });
      continue;
    }
    for (const d of o.deadlines) {
      const event = calendar.createEvent({
        id: `${o.id}/${d.tier}@reglament`,
        start: new Date(d.due),
        stamp: options.stamp,
        summary: `${o.conditional ? 'Если продлена: ' : 'Срок: '}${o.title} (${o.period.label})${o.deadlines.length > 1 ? ` — ${d.role.title}` : ''}`,
        description: describe(o, d),
      });
      for (const r of o.reminders.filter((x) => x.tier === d.tier)) {
        event.createAlarm({
          type: ICalAlarmType.display,
          trigger: new Date(r.at),
          description: `Напоминание за ${r.term} до срока: ${o.title} — срок истекает ${formatLocalRu(d.due, o.timezone)} (${o.timezone})`,
        });
      }
    }
  }
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves it off.
  const ics = calendar.toString();
  return ics.endsWith('\r\n') ? ics : `${ics}\r\n`;
}

function describe(o: Occurrence, d: PlannedDeadline | undefined): string {
  const lines = [
    `Основание: ${o.basis}, п. ${o.citation.clause}: «${o.citation.text}»`,
    `Регламент: ${o.regulationTitle} (${o.regulationId})`,
  ];
  if (d) {
    lines.push(`Ответственный: ${d.role.title}`);
    lines.push(`Срок истекает: ${formatLocalRu(d.due, o.timezone)} (${o.timezone})`);
  } else {
    lines.push(`Ответственные: ${o.who.map((w) => w.title).join('; ')}`);
    if (o.windowOpens) lines.push(`Начало: ${formatLocalRu(o.windowOpens, o.timezone, 'start')} (${o.timezone})`);
  }
  lines.push(`Период: ${o.period.label}`);
  if (o.conditional) lines.push(`Условие: ${o.conditional.text}`);
  if (o.provisional) lines.push('Внимание: на этот год нет утверждённого производственного календаря — срок предварительный.');
  lines.push(`Идентификатор: ${o.id}`);
  return lines.join('\n');
}
