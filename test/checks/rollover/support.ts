import { sql, type DatabasePool } from 'slonik';
import { judgeOutcome, type ComplianceStatus } from '../../../src/checks/period/judgeOutcome.js';
import type { PeriodCheck, PeriodCheckInput, SubjectOutcome } from '../../../src/checks/period/periodCheck.js';

/** Deadline «до 5 сентября» 2024 as the planner gives it: 24:00 of 5 September in Asia/Yekaterinburg = 19:00Z. */
export const DUE = '2024-09-06T00:00:00.000+05:00';

/** Instants around the deadline. */
export const AT = {
  early: '2024-08-20T06:00:00Z',
  /** The last minute of the last day, local time. */
  edgeMet: '2024-09-05T18:59:00Z',
  /** One minute past the deadline. */
  edgeLate: '2024-09-05T19:01:00Z',
  late: '2024-09-12T06:00:00Z',
  /** After `AS_OF.after`: invisible to an evaluation at that moment. */
  future: '2024-10-15T06:00:00Z',
};

/** Evaluation moments: before the deadline (pending), after it, and after everything. */
export const AS_OF = { before: '2024-09-03T00:00:00Z', after: '2024-10-01T00:00:00Z', end: '2025-01-01T00:00:00Z' };

/** A yanao municipality (created if new) with organisations `[id, type]`; tests isolate themselves by municipality. */
export async function insertOrganisations(pool: DatabasePool, municipality: string, orgs: [string, string][]): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${municipality}, 'yanao', ${'Район ' + municipality}) ON CONFLICT DO NOTHING`);
  for (const [id, type] of orgs) {
    await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES (${id}, 'yanao', ${municipality}, ${type}, ${'Организация ' + id})`);
  }
}

/** A check input for the 2024/2025 occurrence of a yanao rule over `types`, due `DUE`. */
export function inputFor(params: Record<string, unknown>, types: string[], over: Partial<PeriodCheckInput> = {}): PeriodCheckInput {
  return {
    ruleKey: { regulationId: 'test', ruleId: 'rule' }, region: 'yanao', timezone: 'Asia/Yekaterinburg', params, organisationTypes: types, subjectScope: 'organisation',
    period: { id: '2024/2025', start: '2024-09-01', end: '2025-08-31' }, dueAt: DUE, asOf: AS_OF.after, ...over,
  };
}

/** Evaluates `check` and judges every subject at `input.asOf`: subject id → status. */
export async function verdicts(pool: DatabasePool, check: PeriodCheck, input: PeriodCheckInput, levels?: { name: string; min: number }[]): Promise<Record<string, ComplianceStatus | string>> {
  const outcomes = await check.evaluate(pool, input);
  return Object.fromEntries(outcomes.map((o) => {
    const j = judgeOutcome(o, input.dueAt, input.asOf, levels);
    return [o.subject_id, j.level ? `${j.status}/${j.level}` : j.status];
  }));
}

/** Evaluates `check`: subject id → outcome. */
export async function outcomes(pool: DatabasePool, check: PeriodCheck, input: PeriodCheckInput): Promise<Record<string, SubjectOutcome>> {
  return Object.fromEntries((await check.evaluate(pool, input)).map((o) => [o.subject_id, o]));
}
