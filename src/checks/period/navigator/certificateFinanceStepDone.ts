import { sql } from 'slonik';
import { z } from 'zod';
import { scopeCte } from '../journals/scopeCte.js';
import type { PeriodCheck, PeriodCheckInput, SubjectOutcome } from '../periodCheck.js';

/** Steps recorded once for the region or a municipality (`certificate_finance_steps`). */
const TERRITORY_STEPS = ['financial_period', 'nominal_set', 'nominal_credited'];

/** Steps each provider takes, and the column that records each. */
const PROVIDER_STEPS: Record<string, string> = {
  group_tariffs: 'tariffs_set_at',
  actual_hours: 'report_at',
  settlement_request: 'request_at',
};

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), providers: z.number().nullable(), done: z.number().nullable(), offending: z.array(z.string()),
});

/** The financial period (calendar year) of an occurrence: `2024` for `2024`, `2024-02` or a day of 2024. */
const financialPeriodOf = (input: PeriodCheckInput) => input.period.start.slice(0, 4);

function territoryStep(input: PeriodCheckInput, step: string) {
  const regional = input.subjectScope === 'region';
  return sql.fragment`
    WITH ${scopeCte(input)}
    SELECT s.id AS subject_id,
           (SELECT min(f.done_at) FROM certificate_finance_steps f
            WHERE f.region = s.region AND f.step = ${step} AND f.financial_period = ${financialPeriodOf(input)}
              AND f.done_at <= ${input.asOf}::timestamptz
              AND (f.municipality_id IS NULL OR (${!regional} AND f.municipality_id = s.municipality_id))) AS completed_at,
           NULL::int AS providers, NULL::int AS done, '{}'::text[] AS offending
    FROM subjects s ORDER BY s.id`;
}

/**
 * The МОЦ adds the providers of its municipality (of any type: the rule's types name the МОУО): done
 * when the last provider known by `asOf` was added; none added is not done.
 */
function providersAdded(input: PeriodCheckInput) {
  const regional = input.subjectScope === 'region';
  return sql.fragment`
    WITH ${scopeCte(input)}
    SELECT s.id AS subject_id, max(cp.added_at) AS completed_at, count(cp.organisation_id)::int AS providers,
           count(cp.organisation_id)::int AS done, '{}'::text[] AS offending
    FROM subjects s
    LEFT JOIN organisations g ON g.region = s.region AND (${regional} OR g.municipality_id = s.municipality_id)
    LEFT JOIN certificate_providers cp ON cp.organisation_id = g.id AND cp.financial_period = ${financialPeriodOf(input)}
                                      AND cp.added_at <= ${input.asOf}::timestamptz
    GROUP BY s.id ORDER BY s.id`;
}

function providerStep(input: PeriodCheckInput, step: string) {
  const fp = financialPeriodOf(input);
  const column = sql.identifier([step === 'actual_hours' || step === 'settlement_request' ? 'f' : 'cp', PROVIDER_STEPS[step]!]);
  return sql.fragment`
    WITH ${scopeCte(input)},
    providers AS (
      SELECT mb.subject_id, cp.organisation_id,
             CASE WHEN ${column} <= ${input.asOf}::timestamptz THEN ${column} END AS done_at
      FROM members mb
      JOIN certificate_providers cp ON cp.organisation_id = mb.organisation_id AND cp.financial_period = ${fp}
                                   AND cp.added_at <= ${input.asOf}::timestamptz
      LEFT JOIN finance_periods f ON f.organisation_id = cp.organisation_id AND f.period_id = ${input.period.id}
    )
    SELECT p.subject_id, CASE WHEN bool_and(p.done_at IS NOT NULL) THEN max(p.done_at) END AS completed_at,
           count(*)::int AS providers, count(p.done_at)::int AS done,
           coalesce(array_agg(p.organisation_id ORDER BY p.organisation_id) FILTER (WHERE p.done_at IS NULL), '{}') AS offending
    FROM providers p
    GROUP BY p.subject_id ORDER BY p.subject_id`;
}

/**
 * `certificate_finance_step_done` for the steps judged per period (ПФДО, п. 3.5), over the financial
 * period (calendar year) of the occurrence:
 * - `financial_period`, `nominal_set`, `nominal_credited` — the step is recorded in
 *   `certificate_finance_steps` for the region (municipality null) or for the subject's
 *   municipality; done at the first such record. Every subject of the tier is judged.
 * - `providers_added` — the МОЦ has added the providers of its municipality (`certificate_providers.
 *   added_at`, of any organisation type); done when the last one known by `asOf` was; none is not done.
 * - `group_tariffs` (`certificate_providers.tariffs_set_at`) and the monthly `actual_hours`,
 *   `settlement_request` (`finance_periods.report_at`, `request_at` of the reporting period
 *   `period.id`, `YYYY-MM`) —
 *   every provider of the subject (itself, or the providers of the rule's types in its municipality
 *   or region) added for the financial period by `asOf` has taken the step; done when the last one
 *   did. Subjects without providers have nothing to do and are not judged. Offending: the providers
 *   that have not.
 * `agreements` and `invoices_accepted` follow events and are swept by the event check of the same
 * name; here they, and unknown steps, judge nobody.
 */
export const certificateFinanceStepDone: PeriodCheck = {
  name: 'certificate_finance_step_done',
  async evaluate(db, input) {
    const step = typeof input.params.step === 'string' ? input.params.step : '';
    const query = TERRITORY_STEPS.includes(step) ? territoryStep(input, step)
      : step === 'providers_added' ? providersAdded(input)
      : PROVIDER_STEPS[step] ? providerStep(input, step) : null;
    if (!query) return [];
    const rows = await db.any(sql.type(row)`${query}`);
    return rows.map((r): SubjectOutcome => ({
      subject_kind: input.subjectScope, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: r.providers === null ? {} : { 'исполнителей услуг': r.providers, 'выполнили шаг': r.done ?? 0 },
      offending: r.offending,
    }));
  },
};
