import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

/**
 * The organisations whose obligation under the rule for `periodId` was lifted by `asOf`
 * (`reglament waive`), with the time of the waiver. A simulation of a past year sees a waiver only
 * from the moment it was recorded.
 */
export async function waivedOrganisations(db: CommonQueryMethods, ruleKey: { regulationId: string; ruleId: string }, periodId: string, asOf: string): Promise<Map<string, string>> {
  const rows = await db.any(sql.type(z.object({ organisation_id: z.string(), waived_at: z.string() }))`
    SELECT organisation_id, waived_at FROM waivers
    WHERE regulation_id = ${ruleKey.regulationId} AND rule_id = ${ruleKey.ruleId} AND period_id = ${periodId} AND waived_at <= ${asOf}::timestamptz`);
  return new Map(rows.map((r) => [r.organisation_id, r.waived_at]));
}
