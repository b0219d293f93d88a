import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { contingentDiscrepancy } from '../../../src/checks/period/journals/contingentDiscrepancy.js';
import { contingentRecordsUpdated } from '../../../src/checks/period/journals/contingentRecordsUpdated.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { insertMunicipality, insertOrganisation, insertStudent, JUST_AFTER, JUST_BEFORE, periodInput, verdicts } from './support.js';

const LEVELS = [{ name: 'группа риска', min: 10 }, { name: 'есть расхождение', min: 0.1 }, { name: 'нет расхождения', min: 0 }];

describe('contingent checks', () => {
  let db: TestDatabase;
  const upload = (org: string, at: string, records: number) =>
    db.pool.query(sql.unsafe`INSERT INTO contingent_exports (organisation_id, exported_at, records) VALUES (${org}, ${at}, ${records})`);

  beforeAll(async () => {
    db = await freshDatabase('journals_contingent');
    await insertMunicipality(db.pool, FIXTURE.municipality);
    // Each school has 10 pupils; one more pupil of s-met left on 1 September and no longer counts.
    for (const org of ['s-met', 's-late', 's-missed', 's-risk', 's-future']) {
      await insertOrganisation(db.pool, org, 'ООО');
      for (let i = 0; i < 10; i++) await insertStudent(db.pool, org);
    }
    await insertStudent(db.pool, 's-met', { leftAt: '2024-09-01' });
    await insertOrganisation(db.pool, 'mouo', 'МОУО');
    await upload('s-met', JUST_BEFORE, 10);                       // exact, in the last minute
    await upload('s-late', '2024-09-04T10:00:00Z', 5);            // 50 % off before the deadline …
    await upload('s-late', JUST_AFTER, 10);                       // … fixed one minute late
    await upload('s-missed', '2024-09-03T10:00:00Z', 9);          // 10 %: over 0.1 %, not over 10 %
    await upload('s-risk', '2024-09-03T10:00:00Z', 12);           // 20 %
    await upload('s-future', '2024-09-10T10:00:00Z', 10);         // not yet recorded at the deadline
  });
  afterAll(async () => db?.close());

  const discrepancyInput = (asOf: string, maxPercent = 0.1) =>
    periodInput({ organisationTypes: ['ООО'], params: { max_percent: maxPercent }, asOf });

  test('discrepancy: met in the last minute, met late one minute after, missed, levels read lower-is-better', async () => {
    const v = await verdicts(db.pool, contingentDiscrepancy, discrepancyInput('2024-09-06T05:00:00Z'), LEVELS);
    expect(v['s-met']).toMatchObject({ status: 'met', metric: 0, completed_at: '2024-09-05T18:59:00.000Z', level: 'нет расхождения' });
    expect(v['s-late']).toMatchObject({ status: 'met_late', metric: 0, completed_at: '2024-09-05T19:01:00.000Z' });
    expect(v['s-missed']).toMatchObject({ status: 'missed', metric: 10, level: 'есть расхождение' });
    expect(v['s-risk']).toMatchObject({ status: 'missed', metric: 20, level: 'группа риска', counts: { 'в региональном сегменте': 12, 'по данным организаций': 10 } });
    expect(v['s-future']).toMatchObject({ status: 'missed', metric: null, offending: ['s-future'] });
  });

  test('discrepancy: pending before the deadline, and an upload after asOf is not seen', async () => {
    const v = await verdicts(db.pool, contingentDiscrepancy, discrepancyInput('2024-09-05T12:00:00Z'), LEVELS);
    expect(v['s-met']).toMatchObject({ status: 'pending', metric: null });
    expect(v['s-late']).toMatchObject({ status: 'pending', metric: 50, level: 'группа риска' });
    const later = await verdicts(db.pool, contingentDiscrepancy, discrepancyInput('2024-09-10T12:00:00Z'), LEVELS);
    expect(later['s-future']).toMatchObject({ status: 'met_late', metric: 0 });
  });

  test('discrepancy: the threshold is inclusive (10 % with max_percent 10 is met)', async () => {
    const v = await verdicts(db.pool, contingentDiscrepancy, discrepancyInput('2024-09-06T05:00:00Z', 10), LEVELS);
    expect(v['s-missed']).toMatchObject({ status: 'met', metric: 10 });
    expect(v['s-risk']).toMatchObject({ status: 'missed' });
  });

  test('discrepancy: the municipal tier sums the counts of its organisations', async () => {
    const v = await verdicts(db.pool, contingentDiscrepancy, { ...discrepancyInput('2024-09-06T05:00:00Z', 10), subjectScope: 'municipality' }, LEVELS);
    // registry 10 + 10 + 9 + 12 + 0 = 41 against 50 pupils: 18 %.
    expect(Object.keys(v)).toEqual(['mouo']);
    expect(v.mouo).toMatchObject({ status: 'missed', metric: 18, offending: ['s-future'], counts: { 'организаций': 5 } });
  });

  const updatedInput = (asOf: string) => periodInput({ organisationTypes: ['ООО'], params: {}, asOf });

  test('records updated: an upload in the week by the deadline is met, one minute later met late, none missed', async () => {
    const v = await verdicts(db.pool, contingentRecordsUpdated, updatedInput('2024-09-06T05:00:00Z'));
    expect(v['s-met']).toMatchObject({ status: 'met', completed_at: '2024-09-05T18:59:00.000Z', metric: 100 });
    expect(v['s-late']).toMatchObject({ status: 'met', completed_at: '2024-09-04T10:00:00.000Z', metric: 100 });
    expect(v['s-missed']).toMatchObject({ status: 'met', metric: 90 });
    expect(v['s-future']).toMatchObject({ status: 'missed', completed_at: null, offending: ['s-future'] });
    const later = await verdicts(db.pool, contingentRecordsUpdated, updatedInput('2024-09-10T12:00:00Z'));
    expect(later['s-future']).toMatchObject({ status: 'met_late', completed_at: '2024-09-10T10:00:00.000Z' });
  });

  test('records updated: an upload before the week does not count; pending before the deadline', async () => {
    await upload('s-risk', '2024-09-01T18:59:00Z', 10); // 23:59 local on Sunday 1 September: the week before
    const input = { ...updatedInput('2024-09-05T12:00:00Z'), period: { id: '2024-W36', start: '2024-09-02', end: '2024-09-08' } };
    const v = await verdicts(db.pool, contingentRecordsUpdated, input);
    expect(v['s-risk']).toMatchObject({ status: 'met', completed_at: '2024-09-03T10:00:00.000Z' });
    expect(v['s-met']).toMatchObject({ status: 'pending', completed_at: null });
    const weekAfter = { ...updatedInput('2024-09-12T12:00:00Z'), period: { id: '2024-W37', start: '2024-09-09', end: '2024-09-15' }, dueAt: '2024-09-15T19:00:00.000Z' };
    const w37 = await verdicts(db.pool, contingentRecordsUpdated, weekAfter);
    expect(w37['s-future']).toMatchObject({ status: 'met' });
    expect(w37['s-met']).toMatchObject({ status: 'pending' });
  });

  test('records updated: the municipal tier is done when the last of its organisations uploaded', async () => {
    const v = await verdicts(db.pool, contingentRecordsUpdated, { ...updatedInput('2024-09-10T12:00:00Z'), subjectScope: 'municipality' });
    expect(v.mouo).toMatchObject({ status: 'met_late', completed_at: '2024-09-10T10:00:00.000Z', offending: [] });
  });
});
