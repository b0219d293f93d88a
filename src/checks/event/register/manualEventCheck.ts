import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { CompiledRule } from '../../../regulation/model.js';
import { formatRu } from '../../../time/isoDate.js';
import type { DueByDate, EventCheck, NewCases, OpenCase, SweepWindow } from '../eventCheck.js';
import { caseFields, caseIdsFilter, candidateDatesOf, duesRelation, newCasesRow, openCaseRow, sweepScope, zoneOf } from '../sweepEvents.js';
import { manualEvents } from './manualEvents.js';
import { registerKindTitle } from './registerKinds.js';

/** The rule facts the check is built from: its trigger names the events, its scope who answers in a chain. */
export type ManualEventRule = Pick<CompiledRule, 'regulationId' | 'id' | 'trigger' | 'scope'>;

/** `subject_kind` of the cases of an `after_rule` rule (an `after_event` / `before_event` rule uses the event kind). */
export const RULE_FULFILMENT = 'rule_fulfilment';


const openRow = openCaseRow.extend({ event_date: z.string(), event_key: z.string() });

/**
 * The event check of a rule whose check is `manual` and whose trigger is `after_event`,
 * `before_event` (events of the register, `event_register`) or `after_rule` (fulfilments of the
 * predecessor, see `manualEvents`). An event is done when a manual confirmation exists for the
 * rule, the responsible organisation and the event (`manual_confirmations.period_id` = the event
 * key), at the time it was recorded; only confirmations and events recorded by `asOf` count. Cases
 * are one per organisation and event: `period_id` = event key, `subject_id` = organisation.
 * Built per rule, because the rule's trigger names the events.
 */
export function manualEventCheck(rule: ManualEventRule): EventCheck {
  const subjectKind = rule.trigger.kind === 'after_rule' ? RULE_FULFILMENT : rule.trigger.kind === 'after_event' || rule.trigger.kind === 'before_event' ? rule.trigger.event : '';
  if (!subjectKind) throw new Error(`rule ${rule.regulationId}/${rule.id} is not event-relative`);
  const events = (region: string, asOf: string) => manualEvents({ rule, zone: zoneOf(region), asOf });
  const confirmed = (asOf: string) => sql.fragment`
    m.regulation_id = c.regulation_id AND m.rule_id = c.rule_id AND m.period_id = c.period_id
    AND m.organisation_id = c.organisation_id AND m.confirmed_at <= ${asOf}::timestamptz`;

  const label = (key: string, eventDate: string): string => {
    if (rule.trigger.kind !== 'after_rule') {
      const title = registerKindTitle(subjectKind);
      return `${title.charAt(0).toUpperCase()}${title.slice(1)} № ${key} от ${formatRu(eventDate)}`;
    }
    const colon = key.indexOf(':');
    const about = colon > 0 ? `${key.slice(colon + 1)}, организация ${key.slice(0, colon)}` : key;
    return `Исполнен предыдущий шаг «${rule.trigger.rule}» (№ ${about}) ${formatRu(eventDate)}`;
  };

  return {
    name: 'manual',
    subjectKind,

    candidateEventDates: (db, w, earliestDate) => candidateDatesOf(db, events(w.region, w.asOf), w, earliestDate),

    async evaluateNew(db: CommonQueryMethods, w: SweepWindow, dues: DueByDate[]): Promise<NewCases> {
      return db.one(sql.type(newCasesRow)`
        WITH dues AS (
          SELECT * FROM ${duesRelation(dues, 'd')}
        ),
        judged AS (
          SELECT e.organisation_id, g.municipality_id, e.event_key, e.event_date, d.due_at, d.last_day, m.confirmed_at AS done_at
          FROM (${events(w.region, w.asOf)}) e
          JOIN dues d ON d.event_date = e.event_date
          JOIN organisations g ON g.id = e.organisation_id
          LEFT JOIN manual_confirmations m
            ON m.regulation_id = ${w.ruleKey.regulationId} AND m.rule_id = ${w.ruleKey.ruleId}
           AND m.period_id = e.event_key AND m.organisation_id = e.organisation_id
           AND m.confirmed_at <= ${w.asOf}::timestamptz
          WHERE ${sweepScope(w)}
            AND e.event_date >= ${w.effectiveFrom}::date
            AND e.entered_at <= ${w.asOf}::timestamptz
            AND d.due_at <= ${w.asOf}::timestamptz
            AND (d.due_at > ${w.watermark}::timestamptz OR e.entered_at > ${w.watermark}::timestamptz)
        ),
        inserted AS (
          INSERT INTO obligation_cases (regulation_id, rule_id, period_id, subject_kind, subject_id, organisation_id, municipality_id,
                                        event_date, due_at, last_day, status, detected_at, closed_at, version_hash)
          SELECT ${w.ruleKey.regulationId}, ${w.ruleKey.ruleId}, j.event_key, ${subjectKind}, j.organisation_id, j.organisation_id,
                 j.municipality_id, j.event_date, j.due_at, j.last_day, CASE WHEN j.done_at IS NOT NULL THEN 'met_late' ELSE 'open' END,
                 ${w.asOf}::timestamptz, j.done_at, ${w.versionHash}
          FROM judged j
          WHERE j.done_at IS NULL OR j.done_at > j.due_at
          ON CONFLICT (regulation_id, rule_id, period_id, tier, subject_kind, subject_id) DO NOTHING
          RETURNING id, organisation_id, event_date, status
        )
        SELECT (SELECT count(*)::int FROM judged WHERE done_at <= due_at) AS met,
               (SELECT count(*)::int FROM inserted WHERE status = 'met_late') AS met_late,
               (SELECT count(*)::int FROM inserted WHERE status = 'open') AS opened`);
    },

    async closeCompleted(db, ruleKey, _params, asOf) {
      const rows = await db.any(sql.type(z.object({ id: z.number() }))`
        UPDATE obligation_cases c
        SET status = 'met_late', closed_at = m.confirmed_at
        FROM manual_confirmations m
        WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
          AND c.subject_kind = ${subjectKind} AND ${confirmed(asOf)}
        RETURNING c.id`);
      return rows.map((r) => r.id);
    },

    async openCases(db, ruleKey, _params, asOf, ids): Promise<readonly OpenCase[]> {
      const rows = await db.any(sql.type(openRow)`
        SELECT c.id, c.organisation_id, g.name AS organisation_name, c.municipality_id, c.due_at, c.last_day, c.event_date, c.period_id AS event_key
        FROM obligation_cases c
        JOIN organisations g ON g.id = c.organisation_id
        WHERE c.status = 'open' AND c.regulation_id = ${ruleKey.regulationId} AND c.rule_id = ${ruleKey.ruleId}
          AND c.subject_kind = ${subjectKind} AND ${caseIdsFilter(ids)}
          AND NOT EXISTS (SELECT 1 FROM manual_confirmations m WHERE ${confirmed(asOf)})
        ORDER BY c.organisation_id, c.due_at, c.id`);
      return rows.map((r) => ({
        ...caseFields(r), event_date: r.event_date,
        subject_label: label(r.event_key, r.event_date),
        person_name: null,
        missing: ['подтверждение исполнения'],
      }));
    },
  };
}
