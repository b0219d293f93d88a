import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { CHECKS } from '../../../src/checks/catalog.js';
import { judgeOutcome } from '../../../src/checks/period/judgeOutcome.js';
import type { PeriodCheck, PeriodCheckInput } from '../../../src/checks/period/periodCheck.js';
import { FIXTURE } from '../../support/fixtures.js';

/** Deadline used throughout: end of Thursday 5 September 2024 in Asia/Yekaterinburg (UTC+5). */
export const DUE = '2024-09-05T19:00:00.000Z';
export const JUST_BEFORE = '2024-09-05T18:59:00.000Z';
export const JUST_AFTER = '2024-09-05T19:01:00.000Z';

/** Inserts an organisation of `type` in the fixture region. */
export async function insertOrganisation(pool: DatabasePool, id: string, type: string, municipality = FIXTURE.municipality): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name)
    VALUES (${id}, ${FIXTURE.region}, ${municipality}, ${type}, ${'Организация ' + id})`);
}

/** Inserts a municipality of the fixture region. */
export async function insertMunicipality(pool: DatabasePool, id: string): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${id}, ${FIXTURE.region}, ${'Район ' + id})`);
}

/** Inserts a class group and returns its id. */
export async function insertClass(pool: DatabasePool, organisationId: string, name: string, grade: number, academicYear = '2024/2025'): Promise<number> {
  return pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade)
    VALUES (${organisationId}, ${academicYear}, 'class', ${name}, ${grade}) RETURNING id`);
}

/** Inserts a student (no personal data needed) on the roll since `createdAt`. */
export async function insertStudent(pool: DatabasePool, organisationId: string, opts: { classGroupId?: number; createdAt?: string; leftAt?: string } = {}): Promise<number> {
  return pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO students (organisation_id, last_name, class_group_id, created_at, left_at)
    VALUES (${organisationId}, 'Учеников', ${opts.classGroupId ?? null}, ${opts.createdAt ?? '2024-01-01T00:00:00Z'}, ${opts.leftAt ?? null})
    RETURNING id`);
}

/** A period check input for the fixture region with the shared deadline. */
export function periodInput(over: Partial<PeriodCheckInput> & Pick<PeriodCheckInput, 'params' | 'asOf'>): PeriodCheckInput {
  return {
    ruleKey: { regulationId: 'test', ruleId: 'rule' },
    region: FIXTURE.region,
    timezone: 'Asia/Yekaterinburg',
    organisationTypes: ['ООО'],
    subjectScope: 'organisation',
    period: { id: '2024-W36', start: '2024-09-02', end: '2024-09-08' },
    dueAt: DUE,
    ...over,
  };
}

/** Runs a period check and judges each subject with the generic judge, as the occurrence step does. */
export async function verdicts(pool: DatabasePool, check: PeriodCheck, input: PeriodCheckInput, levels?: { name: string; min: number }[]) {
  const outcomes = await check.evaluate(pool, input);
  const higherIsBetter = CHECKS[check.name]?.higherIsBetter ?? true;
  return Object.fromEntries(outcomes.map((o) => [o.subject_id, { ...o, ...judgeOutcome(o, input.dueAt, input.asOf, levels, higherIsBetter) }]));
}
