import { DateTime } from 'luxon';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { appendAudit } from '../../audit/appendAudit.js';
import type { LoadResult } from '../../regulation/loadRegulations.js';
import { ConfirmError } from './confirmError.js';
import { checkEventText, isEventRelative, resolveConfirmationEvent } from './confirmationEvent.js';
import { checkPeriodFits, parsePeriodId } from './confirmationPeriod.js';
import { resolveManualRule } from './resolveRule.js';
import { responsibleOrganisation } from './responsibleOrganisation.js';

/** A confirmation request: `reglament confirm RULE PERIOD ORG --by NAME [--note …]`. */
export interface ConfirmRequest {
  /** `<regulation-id>/<rule-id>`, or a rule id unique across the regulations. */
  rule: string;
  /** The period (`2024-Q3`), or for a rule counted from an event the event: its register number or date. */
  period: string;
  organisation: string;
  by: string;
  note?: string;
}

/** The confirmation as stored. */
export interface Confirmation {
  id: number;
  regulationId: string;
  ruleId: string;
  periodId: string;
  /** True when `periodId` is the key of an event (a rule counted from an event), not a period. */
  event: boolean;
  organisationId: string;
  confirmedBy: string;
  confirmedAt: string;
  note: string | null;
  timezone: string;
}

/** `recorded`: written now (and audited); `existing`: confirmed before, nothing changed. */
export interface ConfirmResult {
  status: 'recorded' | 'existing';
  confirmation: Confirmation;
}

const stored = z.object({
  id: z.number(), regulation_id: z.string(), rule_id: z.string(), period_id: z.string(), organisation_id: z.string(),
  confirmed_by: z.string(), confirmed_at: z.string(), note: z.string().nullable(),
});

/** A request checked against the regulations, ready to be recorded. */
export interface PreparedConfirmation {
  regulation: ReturnType<typeof resolveManualRule>['regulation'];
  rule: ReturnType<typeof resolveManualRule>['rule'];
  /** The period id; for an event-relative rule the event as typed, resolved against the database when recorded. */
  periodId: string;
  /** True when `periodId` names an event of an event-relative rule. */
  event: boolean;
  by: string;
  note: string | null;
  now: Date | undefined;
}

/**
 * Checks a request without the database: the rule exists and is `manual`, the period id is
 * well-formed, possible, of the rule's period kind and already begun (for a rule counted from an
 * event: an event is named — it is looked up when recorded), the name is given. Throws
 * `ConfirmError`.
 */
export function prepareConfirmation(loaded: LoadResult, request: ConfirmRequest, now?: Date): PreparedConfirmation {
  const by = request.by.trim();
  if (!by) throw new ConfirmError('не указано, кто подтверждает: --by «Фамилия И. О.»');
  if (by.length > 200) throw new ConfirmError('имя в --by длиннее 200 символов');
  const { regulation, rule } = resolveManualRule(loaded, request.rule);
  if (isEventRelative(rule)) {
    const event = checkEventText(request.period, `${regulation.id}/${rule.id}`);
    return { regulation, rule, periodId: event, event: true, by, note: request.note?.trim() || null, now };
  }
  const period = parsePeriodId(request.period);
  const today = DateTime.fromJSDate(now ?? new Date(), { zone: regulation.timezone }).toISODate()!;
  checkPeriodFits(rule, `${regulation.id}/${rule.id}`, period, today, regulation.effective.from);
  return { regulation, rule, periodId: period.id, event: false, by, note: request.note?.trim() || null, now };
}

/**
 * Records that `by` confirmed a `manual` rule for a period and an organisation, with an audit
 * record (kind `manual_confirmation`, actor = `by`) in the same transaction. A repeated
 * confirmation changes nothing and returns the existing one. For a rule counted from an event the
 * period names the event (register number or date; see `resolveConfirmationEvent`) and the
 * event's key is recorded as the period. `loaded` are the regulations (from
 * `loadForApply()`); `now` is the confirmation time (default: the database's clock). Throws
 * `ConfirmError` for an unknown or non-manual rule, a malformed, impossible or unsuitable period,
 * an unknown organisation or one outside the rule's scope, an unknown or ambiguous event, or an
 * empty name.
 */
export async function confirmManual(pool: DatabasePool, loaded: LoadResult, request: ConfirmRequest, now?: Date): Promise<ConfirmResult> {
  return recordConfirmation(pool, prepareConfirmation(loaded, request, now), request.organisation);
}

/** Records a prepared confirmation for `organisation` (see `confirmManual`). Throws `ConfirmError` for an unknown or unsuitable organisation, or an unknown event. */
export async function recordConfirmation(pool: DatabasePool, prepared: PreparedConfirmation, organisation: string): Promise<ConfirmResult> {
  const { regulation, rule, by, note, now } = prepared;
  return pool.transaction(async (tx) => {
    const org = await responsibleOrganisation(tx, regulation, rule, organisation, 'подтверждают');
    const period = { id: prepared.event ? await resolveConfirmationEvent(tx, regulation, rule, org.id, prepared.periodId, now) : prepared.periodId };
    const inserted = await tx.maybeOne(sql.type(stored)`
      INSERT INTO manual_confirmations (regulation_id, rule_id, period_id, organisation_id, confirmed_by, confirmed_at, note)
      VALUES (${regulation.id}, ${rule.id}, ${period.id}, ${org.id}, ${by}, coalesce(${now?.toISOString() ?? null}::timestamptz, now()), ${note})
      ON CONFLICT (regulation_id, rule_id, period_id, organisation_id) DO NOTHING
      RETURNING id, regulation_id, rule_id, period_id, organisation_id, confirmed_by, confirmed_at, note`);
    const row = inserted ?? (await tx.one(sql.type(stored)`
      SELECT id, regulation_id, rule_id, period_id, organisation_id, confirmed_by, confirmed_at, note FROM manual_confirmations
      WHERE regulation_id = ${regulation.id} AND rule_id = ${rule.id} AND period_id = ${period.id} AND organisation_id = ${org.id}`));
    if (inserted) {
      await appendAudit(tx, [{
        actor: by, kind: 'manual_confirmation', regulationId: regulation.id, ruleId: rule.id, versionHash: regulation.versionHash,
        organisationId: org.id, at: row.confirmed_at,
        details: { periodId: period.id, confirmationId: row.id, ...(note ? { note } : {}), clause: rule.citation.clause },
      }]);
    }
    return {
      status: inserted ? 'recorded' : 'existing',
      confirmation: {
        id: row.id, regulationId: row.regulation_id, ruleId: row.rule_id, periodId: row.period_id, event: prepared.event, organisationId: row.organisation_id,
        confirmedBy: row.confirmed_by, confirmedAt: row.confirmed_at, note: row.note, timezone: regulation.timezone,
      },
    };
  });
}
