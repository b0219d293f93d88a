import { DateTime } from 'luxon';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { appendAudit } from '../../audit/appendAudit.js';
import type { LoadResult } from '../../regulation/loadRegulations.js';
import type { CompiledRegulation, CompiledRule } from '../../regulation/model.js';
import { ConfirmError } from '../confirm/confirmError.js';
import { isEventRelative } from '../confirm/confirmationEvent.js';
import { checkPeriodFits, parsePeriodId } from '../confirm/confirmationPeriod.js';
import { resolveRule } from '../confirm/resolveRule.js';
import { responsibleOrganisation } from '../confirm/responsibleOrganisation.js';

/** A waiver request: `reglament waive RULE PERIOD ORG --by NAME --reason TEXT`. */
export interface WaiveRequest {
  /** `<regulation-id>/<rule-id>`, or a rule id unique across the regulations. */
  rule: string;
  period: string;
  organisation: string;
  by: string;
  reason: string;
}

/** A waiver as stored. */
export interface Waiver {
  id: number;
  regulationId: string;
  ruleId: string;
  periodId: string;
  organisationId: string;
  waivedBy: string;
  waivedAt: string;
  reason: string;
  timezone: string;
}

/** `recorded`: written now (and audited); `existing`: waived before, nothing changed. */
export interface WaiveResult {
  status: 'recorded' | 'existing';
  waiver: Waiver;
}

/** A request checked against the regulations, ready to be recorded. */
export interface PreparedWaiver {
  regulation: CompiledRegulation;
  rule: CompiledRule;
  periodId: string;
  by: string;
  reason: string;
  now: Date | undefined;
}

const stored = z.object({
  id: z.number(), regulation_id: z.string(), rule_id: z.string(), period_id: z.string(), organisation_id: z.string(),
  waived_by: z.string(), waived_at: z.string(), reason: z.string(),
});

/**
 * Checks a request without the database: the rule exists and runs by periods (an event-relative
 * obligation has no period to lift), the period is well-formed and one the rule has (it may lie
 * ahead: a waiver can be given in advance), the name and the reason are given. Throws `ConfirmError`.
 */
export function prepareWaiver(loaded: LoadResult, request: WaiveRequest, now?: Date): PreparedWaiver {
  const by = request.by.trim();
  if (!by) throw new ConfirmError('не указано, кто снимает обязанность: --by «Фамилия И. О.»');
  if (by.length > 200) throw new ConfirmError('имя в --by длиннее 200 символов');
  const reason = request.reason.trim();
  if (!reason) throw new ConfirmError('не указано основание: --reason «приказ № …, организация на капитальном ремонте»');
  const { regulation, rule } = resolveRule(loaded, request.rule);
  const ref = `${regulation.id}/${rule.id}`;
  if (isEventRelative(rule)) throw new ConfirmError(`правило «${ref}» считается от событий: снять можно только обязанность за период`);
  const period = parsePeriodId(request.period);
  checkPeriodFits(rule, ref, period, null, regulation.effective.from);
  return { regulation, rule, periodId: period.id, by, reason, now };
}

/**
 * Records that `by` lifted the rule's obligation for a period and an organisation, with an audit
 * record (kind `waiver`, actor = `by`) in the same transaction; a repeated waiver changes nothing
 * and returns the existing one. From `waivedAt` on, the period's occurrence judges the
 * organisation `waived` and tells nobody about it. Throws `ConfirmError` for an unknown
 * organisation or one that does not answer for the rule.
 */
export async function recordWaiver(pool: DatabasePool, prepared: PreparedWaiver, organisation: string): Promise<WaiveResult> {
  const { regulation, rule, periodId, by, reason, now } = prepared;
  return pool.transaction(async (tx) => {
    const org = await responsibleOrganisation(tx, regulation, rule, organisation, 'отвечают');
    const inserted = await tx.maybeOne(sql.type(stored)`
      INSERT INTO waivers (regulation_id, rule_id, period_id, organisation_id, waived_by, waived_at, reason)
      VALUES (${regulation.id}, ${rule.id}, ${periodId}, ${org.id}, ${by}, coalesce(${now?.toISOString() ?? null}::timestamptz, now()), ${reason})
      ON CONFLICT (regulation_id, rule_id, period_id, organisation_id) DO NOTHING
      RETURNING id, regulation_id, rule_id, period_id, organisation_id, waived_by, waived_at, reason`);
    const row = inserted ?? (await tx.one(sql.type(stored)`
      SELECT id, regulation_id, rule_id, period_id, organisation_id, waived_by, waived_at, reason FROM waivers
      WHERE regulation_id = ${regulation.id} AND rule_id = ${rule.id} AND period_id = ${periodId} AND organisation_id = ${org.id}`));
    if (inserted) {
      await appendAudit(tx, [{
        actor: by, kind: 'waiver', regulationId: regulation.id, ruleId: rule.id, versionHash: regulation.versionHash,
        organisationId: org.id, at: row.waived_at, details: { periodId, waiverId: row.id, reason, clause: rule.citation.clause },
      }]);
    }
    return {
      status: inserted ? 'recorded' : 'existing',
      waiver: {
        id: row.id, regulationId: row.regulation_id, ruleId: row.rule_id, periodId: row.period_id, organisationId: row.organisation_id,
        waivedBy: row.waived_by, waivedAt: row.waived_at, reason: row.reason, timezone: regulation.timezone,
      },
    };
  });
}

/** When the waiver was recorded, as local time of the regulation's zone (for messages). */
export function waivedAtLocal(w: Waiver): string {
  return DateTime.fromISO(w.waivedAt, { zone: w.timezone }).toFormat('dd.MM.yyyy HH:mm');
}
