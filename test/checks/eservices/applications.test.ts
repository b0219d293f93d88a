import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { applicationDecisions } from '../../../src/checks/event/eservices/applicationDecisions.js';
import { eserviceApplicationsProcessed } from '../../../src/checks/period/eservices/eserviceApplicationsProcessed.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';
import { runVerdictTable } from '../people/eventScenario.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';
import { insertApplication } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('eservices_applications');
  await insertFixtureRegion(db.pool);
});
afterAll(async () => db?.close());

// A campaign from 20 June to 5 September 2024: every application filed in it needs a final status by
// 24:00 of 5 September local time.
describe('eservice_applications_processed (campaign rules)', () => {
  const spo = inputFor({ service: 'spo' }, ['ПОО'], { period: { id: '2024', start: '2024-06-20', end: '2024-09-05' } });
  const final = (org: string, at: string, status = 'зачислено', number?: string) =>
    insertApplication(db.pool, { organisation: org, kind: 'spo', submittedAt: '2024-07-01T05:00:00Z', status, statusChangedAt: at, reviewedAt: at, number });

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-apps', [['poo-ok', 'ПОО'], ['poo-edge', 'ПОО'], ['poo-late', 'ПОО'], ['poo-open', 'ПОО'], ['poo-future', 'ПОО'], ['poo-none', 'ПОО'], ['oo-school', 'ООО']]);
    await final('poo-ok', AT.early);
    await final('poo-ok', AT.early, 'отказано');
    // Filed before the campaign: not its application.
    await insertApplication(db.pool, { organisation: 'poo-ok', kind: 'spo', submittedAt: '2024-06-01T05:00:00Z' });
    await final('poo-edge', AT.edgeMet);
    await final('poo-late', AT.edgeLate);
    await final('poo-open', AT.early);
    await final('poo-open', AT.early, 'направлено', 'СПО-17');
    await final('poo-future', AT.future);
    await insertApplication(db.pool, { organisation: 'oo-school', kind: 'grade1', submittedAt: '2024-07-01T05:00:00Z', status: 'зачислено', statusChangedAt: AT.early });
  });

  test('met, met at the last minute, late one minute after, missed without a final status, none filed', async () => {
    expect(await verdicts(db.pool, eserviceApplicationsProcessed, spo)).toMatchObject({
      'poo-ok': 'met', 'poo-edge': 'met', 'poo-late': 'met_late', 'poo-open': 'missed', 'poo-future': 'missed', 'poo-none': 'met',
    });
    const o = await outcomes(db.pool, eserviceApplicationsProcessed, spo);
    expect(o['poo-late']!.completed_at).toBe(new Date(AT.edgeLate).toISOString());
    expect(o['poo-open']).toMatchObject({ offending: ['СПО-17'], counts: { 'заявлений': 2, 'без окончательного решения': 1 } });
    expect(o['poo-ok']!.counts['заявлений']).toBe(2);
  });

  test('pending before the deadline; facts after asOf unseen', async () => {
    expect(await verdicts(db.pool, eserviceApplicationsProcessed, { ...spo, asOf: AS_OF.before })).toMatchObject({
      'poo-ok': 'met', 'poo-edge': 'pending', 'poo-late': 'pending', 'poo-open': 'pending',
    });
    expect(await verdicts(db.pool, eserviceApplicationsProcessed, { ...spo, asOf: AS_OF.end })).toMatchObject({ 'poo-future': 'met_late' });
  });

  test('school applications filed under the campaign kind count for the school service; an unknown service finds nothing', async () => {
    const school = { ...spo, params: { service: 'school' }, organisationTypes: ['ООО'] };
    const o = await outcomes(db.pool, eserviceApplicationsProcessed, school);
    expect(o['oo-school']!.counts['заявлений']).toBe(1);
    const bad = await outcomes(db.pool, eserviceApplicationsProcessed, { ...school, params: { service: 'nonsense' } });
    expect(bad['oo-school']!.counts['заявлений']).toBe(0);
  });
});

describe('eservice_applications_processed (event rules: a decision within the term)', () => {
  test('verdict table: pending, met, edge, late, missed, unseen, incremental sweep, closing', async () => {
    const params = { service: 'school' };
    const ids = await runVerdictTable(db.pool, applicationDecisions, {
      insert: (tag, o) => insertApplication(db.pool, {
        organisation: FIXTURE.school, kind: 'school', number: `З-${tag}`, submittedAt: `${o.eventDate}T05:00:00.000Z`, enteredAt: o.enteredAt,
        reviewedAt: o.doneAt, status: o.doneAt ? 'зачислено' : 'зарегистрировано', statusChangedAt: o.doneAt,
      }),
      complete: async (appId, at) => {
        await db.pool.query(sql.unsafe`UPDATE citizen_applications SET reviewed_at = ${at}, status = 'отказано', status_changed_at = ${at} WHERE id = ${appId}`);
      },
    }, { ruleId: 'eserv-school-applications', params, term: { amount: 5, unit: 'working_days', direction: 'after' }, eventDate: '2024-08-29', dueAt: '2024-09-05T19:00:00.000Z', subjectKind: 'application' });
    const open = await applicationDecisions.openCases(db.pool, { regulationId: 'test-people', ruleId: 'eserv-school-applications' }, params, new Date().toISOString());
    expect(open.map((c) => c.subject_label)).toEqual(['Заявление № З-Запоздалый от 29.08.2024']);
    expect(open[0]).toMatchObject({ person_name: null, missing: ['нет решения по заявлению (зачисление в общеобразовательную организацию)'] });
    expect(ids.enteredLate).toBeGreaterThan(0);
  });

  test('another service’s applications are not judged', async () => {
    await insertApplication(db.pool, { organisation: FIXTURE.school, kind: 'kindergarten', submittedAt: '2024-08-29T05:00:00Z' });
    const w = {
      ruleKey: { regulationId: 'test-people', ruleId: 'other' }, region: FIXTURE.region, organisationTypes: ['ООО'], effectiveFrom: '2024-01-01',
      watermark: '2024-09-01T00:00:00Z', asOf: '2024-09-10T00:00:00Z', versionHash: 'h',
    };
    const r = await applicationDecisions.evaluateNew(db.pool, w, [{ eventDate: '2024-08-29', dueAt: '2024-09-05T19:00:00.000Z', lastDay: '2024-09-05' }], { service: 'summer_camp' });
    expect(r).toEqual({ met: 0, met_late: 0, opened: 0 });
  });
});
