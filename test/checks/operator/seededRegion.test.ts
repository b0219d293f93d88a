import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { exportIndicatorMarked } from '../../../src/checks/period/operator/exportIndicatorMarked.js';
import { operatorControlCompleted } from '../../../src/checks/period/operator/operatorControlCompleted.js';
import { profdevStepCompleted } from '../../../src/checks/period/operator/profdevStepCompleted.js';
import type { PeriodCheckInput } from '../../../src/checks/period/periodCheck.js';
import { seedRegion } from '../../../src/data/seed/seedRegion.js';
import { RATES } from '../../../src/data/seed/seedRates.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { verdicts } from '../rollover/support.js';

let db: TestDatabase;
let rows: Record<string, number> = {};

/** An occurrence of a Chelyabinsk rule as the planner gives it: deadlines at local midnight (UTC+5). */
const chelyabinsk = (params: Record<string, unknown>, types: string[], over: Partial<PeriodCheckInput>): PeriodCheckInput => ({
  ruleKey: { regulationId: 'chelyabinsk-2024-047371', ruleId: 'rule' }, region: 'chelyabinsk', timezone: 'Asia/Yekaterinburg', params,
  organisationTypes: types, subjectScope: 'region', period: { id: '2024', start: '2024-01-01', end: '2024-12-31' },
  dueAt: '2024-08-13T00:00:00.000+05:00', asOf: '2025-01-10T00:00:00Z', ...over,
});

beforeAll(async () => {
  db = await freshDatabase('operator_seeded');
  rows = (await seedRegion(db.pool, { region: 'chelyabinsk', organisations: 60, students: 6000, seed: 5, journalDays: 2 })).rows;
});
afterAll(async () => {
  await db?.close();
});

describe('seeded operator data against the checks', () => {
  it('writes controls, profdev records, exam imports, attribute marks, export fixes and blocked accounts', async () => {
    for (const table of ['profdev_records', 'exam_result_imports', 'student_indicator_marks', 'contingent_export_fixes', 'accounts_blocked']) {
      expect([table, (rows[table] ?? 0) > 0]).toEqual([table, true]);
    }
    const controls = await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`
      SELECT count(*)::int AS n FROM monitoring_submissions WHERE tier = 'regional' AND monitoring IN ('rollover_progress', 'applications_kindergarten', 'applications_school_campaigns')`);
    // 2 one-off, 12 monthly and 52–53 weekly controls, most recorded.
    expect(controls).toBeGreaterThan(66 * (RATES.operatorControl.onTime + RATES.operatorControl.late) - 8);
  });

  it('the operator controls of the plan are judged on the seeded submissions, with their indicators', async () => {
    const rollover = chelyabinsk({ control: 'rollover_progress' }, ['ДОО', 'ООО', 'ОДО', 'ПОО'], { windowOpensAt: '2024-08-12T00:00:00.000+05:00' });
    const got = await verdicts(db.pool, operatorControlCompleted, rollover);
    expect(Object.values(got)).toHaveLength(1);
    expect(['met', 'met_late', 'missed']).toContain(Object.values(got)[0]);
    const kindergarten = chelyabinsk({ control: 'applications_kindergarten' }, ['ДОО'], {
      period: { id: '2025-05', start: '2025-05-01', end: '2025-05-31' }, dueAt: '2025-05-31T00:00:00.000+05:00', asOf: '2025-06-10T00:00:00Z',
    });
    const [outcome] = await operatorControlCompleted.evaluate(db.pool, kindergarten);
    expect(outcome!.metric).toBeGreaterThan(70);
  });

  it('profdev steps and export attributes come out mostly met', async () => {
    const applications = chelyabinsk({ step: 'research_applications' }, ['ДОО', 'ООО', 'ОДО', 'ПОО'], {
      subjectScope: 'organisation', dueAt: '2024-06-01T00:00:00.000+05:00', windowOpensAt: '2024-04-01T00:00:00.000+05:00',
    });
    const profdev = Object.values(await verdicts(db.pool, profdevStepCompleted, applications));
    expect(profdev.filter((s) => s === 'met').length).toBeGreaterThan(profdev.length * 0.3);
    const profile = chelyabinsk({ indicator: 'profile_classes' }, ['ООО'], {
      subjectScope: 'organisation', period: { id: '2024-Q3', start: '2024-07-01', end: '2024-09-30' }, dueAt: '2024-10-02T00:00:00.000+05:00',
    });
    const marked = Object.values(await verdicts(db.pool, exportIndicatorMarked, profile));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((s) => ['met', 'met_late', 'missed'].includes(s))).toBe(true);
  });
});
