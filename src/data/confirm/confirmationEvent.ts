import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { manualEvents } from '../../checks/event/register/manualEvents.js';
import { registerKindTitle } from '../../checks/event/register/registerKinds.js';
import type { CompiledRegulation, CompiledRule } from '../../regulation/model.js';
import { formatRu } from '../../time/isoDate.js';
import { date } from '../csv/fieldParsers.js';
import { ConfirmError } from './confirmError.js';

/** True for rules counted from an event (after or before it, or after a predecessor rule): their confirmation names an event, not a period. */
export function isEventRelative(rule: CompiledRule): boolean {
  return rule.trigger.kind === 'after_event' || rule.trigger.kind === 'before_event' || rule.trigger.kind === 'after_rule';
}

/** Checks the typed event without the database: not empty, not too long. Throws `ConfirmError`. */
export function checkEventText(text: string, ruleRef: string): string {
  const t = text.trim();
  if (!t) throw new ConfirmError(`правило «${ruleRef}» отсчитывается от события: укажите вместо периода номер события из реестра или его дату (ДД.ММ.ГГГГ)`);
  if (t.length > 200) throw new ConfirmError('номер события длиннее 200 символов');
  return t;
}

const found = z.object({ event_key: z.string(), event_date: z.string(), how: z.number() });

/** What the events of a rule are, in Russian, for messages. */
function eventsWording(rule: CompiledRule): string {
  const t = rule.trigger;
  if (t.kind === 'after_rule') return `исполнений правила «${t.rule}» (подтверждений или закрытых случаев)`;
  return t.kind === 'after_event' || t.kind === 'before_event' ? `событий «${registerKindTitle(t.event)}» в реестре событий` : 'событий';
}

/**
 * Finds the event of an event-relative `manual` rule that `text` names for `organisation`: its key
 * (the register reference, or `<organisation>:<reference>` for an event of an organisation another
 * one serves), else its reference, else its local date (`ДД.ММ.ГГГГ` or `ГГГГ-ММ-ДД`) when one
 * event falls on it. Only events known by `now` count. Returns the event key, which the
 * confirmation records as its period. Throws `ConfirmError` for an unknown event or an ambiguous date.
 */
export async function resolveConfirmationEvent(db: CommonQueryMethods, regulation: CompiledRegulation, rule: CompiledRule, organisation: string, text: string, now: Date | undefined): Promise<string> {
  const asOf = now?.toISOString() ?? 'infinity';
  const parsed = /^[\d.-]+$/.test(text) ? date(2000, 2100)(text, 'дата события') : null;
  if (parsed && 'reason' in parsed && /^\d{1,2}\.\d{1,2}\.\d{4}$|^\d{4}-\d{2}-\d{2}$/.test(text)) throw new ConfirmError(parsed.reason);
  const day = parsed && 'value' in parsed ? parsed.value : null;
  const events = manualEvents({ rule, zone: regulation.timezone, asOf });
  // The best kind of match wins: the key as stored, then the reference alone, then the date.
  const rows = await db.any(sql.type(found)`
    WITH matched AS (
      SELECT e.event_key, e.event_date::text AS event_date,
             CASE WHEN e.event_key = ${text} THEN 1 WHEN e.ref = ${text} THEN 2 ELSE 3 END AS how
      FROM (${events}) e
      WHERE e.organisation_id = ${organisation} AND e.entered_at <= ${asOf}::timestamptz
        AND (e.event_key = ${text} OR e.ref = ${text} OR e.event_date = ${day}::date)
    )
    SELECT * FROM matched WHERE how = (SELECT min(how) FROM matched) ORDER BY event_date, event_key LIMIT 11`);
  if (rows.length === 1) return rows[0]!.event_key;
  const ref = `${regulation.id}/${rule.id}`;
  if (rows.length > 1) {
    const list = rows.slice(0, 10).map((r) => `«${r.event_key}» (${formatRu(r.event_date)})`).join(', ');
    throw new ConfirmError(`«${text}» подходит к нескольким событиям организации «${organisation}» по правилу «${ref}»: ${list}${rows.length > 10 ? ', …' : ''}; укажите номер события`);
  }
  const recent = await db.any(sql.type(found)`
    SELECT e.event_key, e.event_date::text AS event_date, 0 AS how
    FROM (${events}) e
    WHERE e.organisation_id = ${organisation} AND e.entered_at <= ${asOf}::timestamptz
    ORDER BY e.event_date DESC, e.event_key LIMIT 5`);
  const hint = recent.length
    ? `; последние известные: ${recent.map((r) => `«${r.event_key}» (${formatRu(r.event_date)})`).join(', ')}`
    : `; у организации нет ни одного из ${eventsWording(rule)}`;
  throw new ConfirmError(`событие «${text}» не найдено среди ${eventsWording(rule)} организации «${organisation}» по правилу «${ref}»${hint}`);
}
