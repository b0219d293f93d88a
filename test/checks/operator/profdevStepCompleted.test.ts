import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { profdevStepCompleted } from '../../../src/checks/period/operator/profdevStepCompleted.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';

let db: TestDatabase;
const staffOf: Record<string, number> = {};
const WINDOW_OPENS = '2024-07-31T19:00:00.000Z';
const YEAR = { id: '2024', start: '2024-01-01', end: '2024-12-31' };

async function record(org: string, step: string, at: string, opts: { staff?: string; rejected?: boolean } = {}): Promise<number> {
  return (await db.pool.oneFirst(sql.unsafe`INSERT INTO profdev_records (organisation_id, staff_id, step, rejected, entered_at)
    VALUES (${org}, ${opts.staff ? staffOf[opts.staff]! : null}, ${step}, ${opts.rejected ?? false}, ${at}) RETURNING id`)) as number;
}

const input = (step: string, types: string[], over: Parameters<typeof inputFor>[2] = {}) =>
  inputFor({ step }, types, { period: YEAR, windowOpensAt: WINDOW_OPENS, ...over });

let pendingApplication = 0;

beforeAll(async () => {
  db = await freshDatabase('operator_profdev');
  await insertOrganisations(db.pool, 'mun-pd', [['op', 'ОПЕРАТОР'], ['o-met', 'ООО'], ['o-edge', 'ООО'], ['o-late', 'ДОО'], ['o-never', 'ОДО'], ['o-early', 'ПОО'], ['o-future', 'ООО']]);
  for (const org of ['o-met', 'o-edge', 'o-late', 'o-early', 'o-future']) {
    staffOf[org] = (await db.pool.oneFirst(sql.unsafe`INSERT INTO staff (organisation_id, last_name) VALUES (${org}, 'Педагогова') RETURNING id`)) as number;
  }
  // Applications: in the window on time, at its last minute, a minute late, before the window, after asOf.
  await record('o-met', 'research_applications', AT.early, { staff: 'o-met' });
  await record('o-edge', 'research_applications', AT.edgeMet, { staff: 'o-edge' });
  pendingApplication = await record('o-late', 'research_applications', AT.edgeLate, { staff: 'o-late' });
  await record('o-early', 'research_applications', '2024-07-01T06:00:00Z', { staff: 'o-early' });
  await record('o-future', 'research_applications', AT.future, { staff: 'o-future' });
  // Decisions: o-met approved at once, o-edge approved late; o-late's application came after the deadline.
  await record('o-met', 'research_approval', AT.early, { staff: 'o-met' });
  await record('o-edge', 'research_approval', AT.late, { staff: 'o-edge' });
  // Questionnaires follow the approvals: o-met's on time; a rejected application needs none.
  await record('o-met', 'research_questionnaire', AT.edgeMet, { staff: 'o-met' });
  await record('o-early', 'research_approval', AT.early, { staff: 'o-early', rejected: true });
});
afterAll(async () => {
  await db?.close();
});

describe('profdev_step_completed', () => {
  const types = ['ДОО', 'ООО', 'ОДО', 'ПОО'];

  it('an own step: each organisation records it in the window — met, at the last minute, late, missed; before the deadline pending', async () => {
    expect(await verdicts(db.pool, profdevStepCompleted, input('research_applications', types))).toEqual({
      'o-met': 'met', 'o-edge': 'met', 'o-late': 'met_late', 'o-never': 'missed', 'o-early': 'missed', 'o-future': 'missed',
    });
    expect(await verdicts(db.pool, profdevStepCompleted, input('research_applications', types, { asOf: AS_OF.before }))).toMatchObject({
      'o-met': 'met', 'o-edge': 'pending', 'o-never': 'pending',
    });
    expect(await verdicts(db.pool, profdevStepCompleted, input('research_applications', types, { asOf: AS_OF.end }))).toMatchObject({ 'o-future': 'met_late' });
  });

  it('an approval: every application of the territory entered by the deadline is decided; done at the last decision', async () => {
    const approval = input('research_approval', ['ОПЕРАТОР'], { subjectScope: 'region' });
    expect(await verdicts(db.pool, profdevStepCompleted, approval)).toEqual({ op: 'met_late' });
    const found = await outcomes(db.pool, profdevStepCompleted, { ...approval, asOf: '2024-09-10T00:00:00Z' });
    expect(found.op).toMatchObject({ completed_at: null, counts: { 'записей к исполнению': 2, 'не исполнено': 1 } });
    expect(found.op!.offending).toHaveLength(1);
    expect(found.op!.offending).not.toContain(String(pendingApplication));
  });

  it('a follow-up of approvals: each approved applicant fills the questionnaire; rejected ones need none; nothing due is done at the deadline', async () => {
    const questionnaire = input('research_questionnaire', types, { subjectScope: 'region' });
    expect(await verdicts(db.pool, profdevStepCompleted, questionnaire)).toEqual({ op: 'met' });
    expect((await outcomes(db.pool, profdevStepCompleted, questionnaire)).op!.completed_at).toBe('2024-09-05T18:59:00.000Z');
    const diagnostic = input('assessment_diagnostic', types, { subjectScope: 'region' });
    expect(await outcomes(db.pool, profdevStepCompleted, diagnostic)).toMatchObject({ op: { completed_at: '2024-09-05T19:00:00.000Z', counts: { 'записей к исполнению': 0 } } });
    expect(await verdicts(db.pool, profdevStepCompleted, diagnostic)).toEqual({ op: 'met' });
  });
});
