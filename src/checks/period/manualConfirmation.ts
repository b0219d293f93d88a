import { sql } from 'slonik';
import { z } from 'zod';
import type { PeriodCheck } from './periodCheck.js';

const outcome = z.object({ subject_id: z.string(), completed_at: z.string().nullable() });

/**
 * `manual`: a person confirms (`reglament confirm RULE PERIOD ORG --by NAME`). One outcome per
 * organisation in scope (for municipal and regional tiers, per the МОУО / РО organisation of that
 * level); done when a confirmation for the rule and period exists, at the time it was recorded.
 */
export const manualConfirmation: PeriodCheck = {
  name: 'manual',
  async evaluate(db, input) {
    const types = input.subjectScope === 'organisation' ? input.organisationTypes : input.subjectScope === 'municipality' ? ['МОУО'] : ['РО', 'ОПЕРАТОР'];
    const rows = await db.any(sql.type(outcome)`
      SELECT g.id AS subject_id, m.confirmed_at AS completed_at
      FROM organisations g
      LEFT JOIN manual_confirmations m
        ON m.organisation_id = g.id AND m.regulation_id = ${input.ruleKey.regulationId}
       AND m.rule_id = ${input.ruleKey.ruleId} AND m.period_id = ${input.period.id}
       AND m.confirmed_at <= ${input.asOf}::timestamptz
      WHERE g.region = ${input.region}
        AND g.type = ANY(${sql.array(types, 'text')})
        AND (${input.municipalities ? sql.fragment`g.municipality_id = ANY(${sql.array(input.municipalities, 'text')})` : sql.fragment`TRUE`})
      ORDER BY g.id`);
    return rows.map((r) => ({ subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null, counts: {}, offending: [] }));
  },
};
