import { sql, type FragmentSqlToken } from 'slonik';
import type { CompiledRule } from '../../../regulation/model.js';

/** What the events of a `manual` event-relative rule are read for. */
export interface ManualEventsContext {
  rule: Pick<CompiledRule, 'regulationId' | 'id' | 'trigger' | 'scope'>;
  /** IANA zone of the region: a predecessor fulfilled at an instant gives an event on its local date. */
  zone: string;
  /** Fulfilments of a predecessor recorded after this instant are not seen. */
  asOf: string;
}

/** Organisation types that serve others of their region (ОПЕРАТОР, РО) or municipality (МОУО) in a chain. */
const REGION_SERVING = ['ОПЕРАТОР', 'РО'];

/**
 * The events of a `manual` event-relative rule, one row per responsible organisation and event,
 * with the columns `organisation_id` (who must act), `event_key` (what `manual_confirmations.period_id`
 * holds for it), `subject_org` and `ref` (the organisation and reference the event is about),
 * `event_date` (local date) and `entered_at` (when it became known). Callers filter by scope, dates
 * and `entered_at`.
 *
 * - `after_event` / `before_event`: rows of `event_register` of the trigger's kind; the register's
 *   organisation acts, the key is the register reference.
 * - `after_rule`: the fulfilments of the predecessor rule (same regulation): its manual
 *   confirmations and its cases judged met or met late, the earliest per event. The chain keeps the
 *   event's subject: when the subject organisation is of a type in the rule's scope it acts itself
 *   (key = reference); otherwise the rule's organisations that serve it act — ОПЕРАТОР and РО of its
 *   region, МОУО of its municipality — with the key `<subject organisation>:<reference>`.
 */
export function manualEvents(ctx: ManualEventsContext): FragmentSqlToken {
  const { rule, zone, asOf } = ctx;
  const t = rule.trigger;
  if (t.kind === 'after_event' || t.kind === 'before_event') {
    return sql.fragment`
      SELECT r.organisation_id, r.reference AS event_key, r.organisation_id AS subject_org, r.reference AS ref,
             r.event_date, r.entered_at
      FROM event_register r
      WHERE r.kind = ${t.event}`;
  }
  if (t.kind !== 'after_rule') throw new Error(`rule ${rule.regulationId}/${rule.id} is not event-relative`);
  const types = sql.array(rule.scope.organisationTypes, 'text');
  return sql.fragment`
    WITH fulfilled AS (
      SELECT m.organisation_id, m.period_id AS event_key, m.confirmed_at AS at
      FROM manual_confirmations m
      WHERE m.regulation_id = ${rule.regulationId} AND m.rule_id = ${t.rule} AND m.confirmed_at <= ${asOf}::timestamptz
      UNION ALL
      -- An automatic predecessor's case is closed when done; one judged met at once has no closing time.
      SELECT c.organisation_id, CASE WHEN c.period_id <> '' THEN c.period_id ELSE c.subject_kind || '-' || c.subject_id END,
             coalesce(c.closed_at, c.detected_at)
      FROM obligation_cases c
      WHERE c.regulation_id = ${rule.regulationId} AND c.rule_id = ${t.rule} AND c.status IN ('met', 'met_late')
        AND c.organisation_id IS NOT NULL AND coalesce(c.closed_at, c.detected_at) <= ${asOf}::timestamptz
    ),
    subjects AS (
      SELECT CASE WHEN strpos(f.event_key, ':') > 0 THEN split_part(f.event_key, ':', 1) ELSE f.organisation_id END AS subject_org,
             CASE WHEN strpos(f.event_key, ':') > 0 THEN substr(f.event_key, strpos(f.event_key, ':') + 1) ELSE f.event_key END AS ref,
             min(f.at) AS at
      FROM fulfilled f
      GROUP BY 1, 2
    )
    SELECT o.id AS organisation_id,
           CASE WHEN o.id = s.subject_org THEN s.ref ELSE s.subject_org || ':' || s.ref END AS event_key,
           s.subject_org, s.ref, (s.at AT TIME ZONE ${zone})::date AS event_date, s.at AS entered_at
    FROM subjects s
    JOIN organisations x ON x.id = s.subject_org
    JOIN organisations o ON o.region = x.region AND o.type = ANY(${types})
     AND (o.id = x.id
          OR (NOT (x.type = ANY(${types}))
              AND (o.type = ANY(${sql.array(REGION_SERVING, 'text')}) OR (o.type = 'МОУО' AND o.municipality_id = x.municipality_id))))`;
}
