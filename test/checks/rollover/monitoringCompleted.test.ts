import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { monitoringCompleted } from '../../../src/checks/period/rollover/monitoringCompleted.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from './support.js';

let db: TestDatabase;
const LEVELS = [{ name: 'высокий', min: 90 }, { name: 'средний', min: 80 }, { name: 'низкий', min: 0 }];

async function submit(municipality: string | null, monitoring: string, period: string, at: string): Promise<void> {
  await db.pool.query(sql.unsafe`INSERT INTO monitoring_submissions (municipality_id, region, tier, monitoring, period_id, submitted_at)
    VALUES (${municipality}, 'yanao', ${municipality ? 'municipal' : 'regional'}, ${monitoring}, ${period}, ${at})`);
}

async function opened(org: string, at: string): Promise<void> {
  await db.pool.query(sql.unsafe`INSERT INTO academic_years (organisation_id, academic_year, opened_at) VALUES (${org}, '2024/2025', ${at})`);
}

beforeAll(async () => {
  db = await freshDatabase('rollover_monitoring');
  const cases = ['a-met', 'b-edge', 'c-edge-late', 'd-late', 'e-never', 'f-future'];
  for (const c of cases) await insertOrganisations(db.pool, `mun-${c}`, [[`mo-${c}`, 'МОУО']]);
  await insertOrganisations(db.pool, 'mun-a-met', [['s1', 'ООО'], ['s2', 'ООО'], ['s3', 'ООО'], ['k1', 'ДОО'], ['ro', 'РО'], ['x-odo', 'ОДО']]);
  await insertOrganisations(db.pool, 'mun-b-edge', [['s4', 'ООО']]);
  await opened('s1', AT.early);
  await opened('s2', AT.early);
  await opened('s3', AT.late);
  await opened('k1', AT.edgeMet);
  await opened('s4', AT.early);
  await opened('x-odo', AT.late);

  const times: Record<string, string> = { 'a-met': AT.early, 'b-edge': AT.edgeMet, 'c-edge-late': AT.edgeLate, 'd-late': AT.late, 'f-future': AT.future };
  for (const [c, at] of Object.entries(times)) await submit(`mun-${c}`, 'academic_year_opening', '2024/2025', at);
  // Another monitoring, or another period, is not this one.
  await submit('mun-e-never', 'journal_filling', '2024/2025', AT.early);
  await submit('mun-e-never', 'academic_year_opening', '2023/2024', '2023-09-04T06:00:00Z');
  await submit(null, 'academic_year_opening', '2024/2025', '2024-09-10T19:01:00Z');
  await submit('mun-a-met', 'journal_filling', '2024-Q3', '2024-10-08T06:00:00Z');
});
afterAll(async () => {
  await db?.close();
});

describe('monitoring_completed', () => {
  const params = { monitoring: 'academic_year_opening' };
  const municipal = (asOf: string) => inputFor(params, ['ООО', 'ДОО'], { subjectScope: 'municipality', asOf });
  const regional = (asOf: string) => inputFor(params, ['ООО', 'ДОО'], { subjectScope: 'region', dueAt: '2024-09-11T00:00:00.000+05:00', asOf });

  it('judges each МОУО by its municipality\'s submission against the deadline, graded by the share of organisations that opened the year', async () => {
    expect(await verdicts(db.pool, monitoringCompleted, municipal(AS_OF.after), LEVELS)).toEqual({
      'mo-a-met': 'met/низкий', 'mo-b-edge': 'met/высокий', 'mo-c-edge-late': 'met_late', 'mo-d-late': 'met_late', 'mo-e-never': 'missed', 'mo-f-future': 'missed',
    });
    const found = await outcomes(db.pool, monitoringCompleted, municipal(AS_OF.after));
    // s1, s2 and k1 (at the last minute) had opened by the deadline, s3 only later; the ОДО is not in the rule's scope.
    expect(found['mo-a-met']).toMatchObject({ metric: 75, counts: { 'организаций': 4, '2024/2025: открыли год': 3 } });
    expect(found['mo-e-never']).toMatchObject({ metric: null, counts: { 'организаций': 0 } });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, monitoringCompleted, municipal(AS_OF.before))).toEqual({
      'mo-a-met': 'met', 'mo-b-edge': 'pending', 'mo-c-edge-late': 'pending', 'mo-d-late': 'pending', 'mo-e-never': 'pending', 'mo-f-future': 'pending',
    });
    expect((await outcomes(db.pool, monitoringCompleted, municipal(AS_OF.before)))['mo-a-met']!.metric).toBe(50);
    expect(await verdicts(db.pool, monitoringCompleted, municipal(AS_OF.end))).toMatchObject({ 'mo-f-future': 'met_late' });
  });

  it('judges the РО by the regional submission over the whole region', async () => {
    expect(await verdicts(db.pool, monitoringCompleted, regional(AS_OF.after), LEVELS)).toEqual({ ro: 'met_late/средний' });
    expect((await outcomes(db.pool, monitoringCompleted, regional(AS_OF.after))).ro).toMatchObject({ metric: 80, counts: { 'организаций': 5, '2024/2025: открыли год': 4 } });
    expect(await verdicts(db.pool, monitoringCompleted, regional('2024-09-10T18:59:00Z'))).toEqual({ ro: 'pending' });
    expect(await verdicts(db.pool, monitoringCompleted, regional('2024-09-10T19:00:00Z'))).toEqual({ ro: 'missed' });
  });

  it('a one-off period accepts the submission filed under the academic year; other monitorings carry no metric', async () => {
    const once = inputFor(params, ['ООО', 'ДОО'], { subjectScope: 'municipality', period: { id: '2024', start: '2024-01-01', end: '2024-12-31' }, municipalities: ['mun-a-met'] });
    expect(await verdicts(db.pool, monitoringCompleted, once)).toEqual({ 'mo-a-met': 'met' });
    const quarter = inputFor({ monitoring: 'journal_filling' }, ['ООО'], {
      subjectScope: 'municipality', period: { id: '2024-Q3', start: '2024-07-01', end: '2024-09-30' }, dueAt: '2024-10-11T00:00:00.000+05:00',
      asOf: '2024-10-20T00:00:00Z', municipalities: ['mun-a-met', 'mun-b-edge'],
    });
    const found = await outcomes(db.pool, monitoringCompleted, quarter);
    expect(found['mo-a-met']).toMatchObject({ completed_at: '2024-10-08T06:00:00.000Z', metric: null, counts: {} });
    expect((await outcomes(db.pool, monitoringCompleted, { ...quarter, asOf: '2024-10-01T00:00:00Z' }))['mo-a-met']!.completed_at).toBeNull();
    expect(await verdicts(db.pool, monitoringCompleted, quarter)).toEqual({ 'mo-a-met': 'met', 'mo-b-edge': 'missed' });
  });
});
