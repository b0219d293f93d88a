import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { admissionUnitsCreated } from '../../../src/checks/period/eservices/admissionUnitsCreated.js';
import { eserviceDirectionsEnrolled } from '../../../src/checks/period/eservices/eserviceDirectionsEnrolled.js';
import { eserviceFreePlaces } from '../../../src/checks/period/eservices/eserviceFreePlaces.js';
import { eserviceVacanciesConsistent } from '../../../src/checks/period/eservices/eserviceVacanciesConsistent.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';
import { insertApplication, insertCampaign, insertUnit, setPlaces } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('eservices_places');
});
afterAll(async () => db?.close());

const iso = (t: string) => new Date(t).toISOString();

describe('eservice_free_places', () => {
  const input = inputFor({ service: 'spo' }, ['ПОО'], { municipalities: ['m-free'], period: { id: '2024', start: '2024-06-20', end: '2024-09-05' } });
  let lateUnit = 0;

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-free', [['fp-free', 'ПОО'], ['fp-full', 'ПОО'], ['fp-edge', 'ПОО'], ['fp-late', 'ПОО'], ['fp-none', 'ПОО'], ['fp-old', 'ПОО']]);
    const campaign = (org: string, year = 2024) => insertCampaign(db.pool, { kind: 'spo', organisation: org, year, configuredAt: '2024-05-01T05:00:00Z', opensOn: '2024-06-20' });
    await insertUnit(db.pool, await campaign('fp-free'), 'fp-free', { createdAt: AT.early, total: 25, taken: 20 });
    await insertUnit(db.pool, await campaign('fp-full'), 'fp-full', { createdAt: AT.early, total: 25, taken: 25 });
    const edge = await insertUnit(db.pool, await campaign('fp-edge'), 'fp-edge', { createdAt: AT.early, total: 25, taken: 25 });
    await setPlaces(db.pool, edge, AT.edgeMet, 25, 24); // a place freed at the last minute
    lateUnit = await insertUnit(db.pool, await campaign('fp-late'), 'fp-late', { createdAt: AT.early, total: 25, taken: 25 });
    await setPlaces(db.pool, lateUnit, AT.edgeLate, 25, 24); // freed one minute after the deadline
    await insertUnit(db.pool, await campaign('fp-old', 2023), 'fp-old', { createdAt: AT.early, total: 25, taken: 0 }); // last year's campaign
  });

  test('holds where places are left at the deadline, counted from the places recorded then', async () => {
    expect(await verdicts(db.pool, eserviceFreePlaces, input)).toEqual({
      'fp-free': 'met', 'fp-full': 'missed', 'fp-edge': 'met', 'fp-late': 'missed', 'fp-none': 'missed', 'fp-old': 'missed',
    });
    const o = await outcomes(db.pool, eserviceFreePlaces, input);
    expect(o['fp-free']).toMatchObject({ completed_at: iso(AT.early), counts: { 'единиц приёма': 1, 'свободных мест': 5 } });
    expect(o['fp-edge']!.completed_at).toBe(iso(AT.edgeMet));
  });

  test('pending before the deadline while full; the trigger keeps the history of counts', async () => {
    expect(await verdicts(db.pool, eserviceFreePlaces, { ...input, asOf: AS_OF.before })).toMatchObject({ 'fp-free': 'met', 'fp-full': 'pending', 'fp-late': 'pending' });
    const history = await db.pool.anyFirst(sql.unsafe`SELECT places_taken FROM campaign_place_counts WHERE place_id = ${lateUnit} ORDER BY recorded_at`);
    expect(history).toEqual([25, 24]);
    // As the `while` of an extension it is judged at the main campaign's end: a unit created after it is unseen.
    const early = await outcomes(db.pool, eserviceFreePlaces, { ...input, asOf: '2024-08-01T00:00:00Z', dueAt: '2024-08-01T00:00:00Z' });
    expect(early['fp-free']).toMatchObject({ completed_at: null, counts: { 'единиц приёма': 0 } });
  });
});

describe('eservice_vacancies_consistent', () => {
  const input = inputFor({ service: 'kindergarten' }, ['ДОО'], { municipalities: ['m-vac'], period: { id: '2024-W36', start: '2024-09-02', end: '2024-09-08' } });
  let missedUnit = 0;

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-vac', [['v-ok', 'ДОО'], ['v-edge', 'ДОО'], ['v-late', 'ДОО'], ['v-missed', 'ДОО'], ['v-future', 'ДОО'], ['v-old', 'ДОО'], ['mouo-vac', 'МОУО']]);
    const campaign = await insertCampaign(db.pool, { kind: 'kindergarten', municipality: 'm-vac', configuredAt: '2024-03-01T05:00:00Z', opensOn: '2024-04-01' });
    const older = await insertCampaign(db.pool, { kind: 'kindergarten', municipality: 'm-vac', year: 2023 });
    const ancient = await insertCampaign(db.pool, { kind: 'kindergarten', municipality: 'm-vac', year: 2022 });
    await insertUnit(db.pool, campaign, 'v-ok', { createdAt: AT.early, total: 20, taken: 18 });
    await insertUnit(db.pool, ancient, 'v-ok', { createdAt: AT.early, total: 20, taken: 25 }); // a campaign two years back is not looked at
    await setPlaces(db.pool, await insertUnit(db.pool, campaign, 'v-edge', { createdAt: AT.early, total: 20, taken: 22 }), AT.edgeMet, 20, 20);
    await setPlaces(db.pool, await insertUnit(db.pool, campaign, 'v-late', { createdAt: AT.early, total: 20, taken: 22 }), AT.edgeLate, 22, 22);
    missedUnit = await insertUnit(db.pool, older, 'v-missed', { createdAt: AT.early, total: 20, taken: 21 });
    await setPlaces(db.pool, await insertUnit(db.pool, campaign, 'v-future', { createdAt: AT.early, total: 20, taken: 21 }), AT.future, 20, 19);
  });

  test('met, met at the last minute, late when corrected one minute after, missed', async () => {
    expect(await verdicts(db.pool, eserviceVacanciesConsistent, input)).toEqual({
      'v-ok': 'met', 'v-edge': 'met', 'v-late': 'met_late', 'v-missed': 'missed', 'v-future': 'missed', 'v-old': 'met',
    });
    const o = await outcomes(db.pool, eserviceVacanciesConsistent, input);
    expect(o['v-late']!.completed_at).toBe(iso(AT.edgeLate));
    expect(o['v-missed']).toMatchObject({ offending: [String(missedUnit)], counts: { 'с минусовыми вакансиями на срок': 1, 'с минусовыми вакансиями сейчас': 1 } });
  });

  test('pending before the deadline; the municipal authority answers for every kindergarten of its municipality', async () => {
    expect(await verdicts(db.pool, eserviceVacanciesConsistent, { ...input, asOf: AS_OF.before })).toMatchObject({ 'v-ok': 'met', 'v-missed': 'pending', 'v-edge': 'pending' });
    expect(await verdicts(db.pool, eserviceVacanciesConsistent, { ...input, asOf: AS_OF.end })).toMatchObject({ 'v-future': 'met_late' });
    const mouo = await outcomes(db.pool, eserviceVacanciesConsistent, { ...input, organisationTypes: ['МОУО'] });
    expect(mouo['mouo-vac']!.offending).toHaveLength(2);
  });
});

describe('eservice_directions_enrolled', () => {
  const input = inputFor({ service: 'kindergarten', older_than_days: 30 }, ['ДОО'], { municipalities: ['m-dir'], period: { id: '2024-W36', start: '2024-09-02', end: '2024-09-08' } });
  const direct = (org: string, o: { directedAt?: string; enrolledAt?: string | null; status?: string; statusChangedAt?: string; number?: string }) =>
    insertApplication(db.pool, { organisation: org, kind: 'kindergarten', submittedAt: '2024-03-01T05:00:00Z', directedAt: o.directedAt ?? '2024-07-01T05:00:00Z', ...o });

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-dir', [['d-ok', 'ДОО'], ['d-edge', 'ДОО'], ['d-late', 'ДОО'], ['d-refused', 'ДОО'], ['d-missed', 'ДОО'], ['d-future', 'ДОО']]);
    await direct('d-ok', { enrolledAt: '2024-07-20T05:00:00Z', status: 'зачислено' });
    await direct('d-ok', { directedAt: AT.early }); // issued 16 days before the deadline: the family still has time
    await direct('d-edge', { enrolledAt: AT.edgeMet });
    await direct('d-late', { enrolledAt: AT.edgeLate });
    await direct('d-refused', { status: 'отказано', statusChangedAt: '2024-08-01T05:00:00Z' });
    await direct('d-missed', { number: 'Д-42' });
    await direct('d-future', { enrolledAt: AT.future });
  });

  test('met, met at the last minute, late one minute after, refusals resolve, missed', async () => {
    expect(await verdicts(db.pool, eserviceDirectionsEnrolled, input)).toEqual({
      'd-ok': 'met', 'd-edge': 'met', 'd-late': 'met_late', 'd-refused': 'met', 'd-missed': 'missed', 'd-future': 'missed',
    });
    const o = await outcomes(db.pool, eserviceDirectionsEnrolled, input);
    expect(o['d-late']!.completed_at).toBe(iso(AT.edgeLate));
    expect(o['d-missed']).toMatchObject({ offending: ['Д-42'], counts: { 'направлений': 1, 'без зачисления на срок': 1 } });
    expect(o['d-ok']!.counts['без зачисления на срок']).toBe(0);
  });

  test('pending before the deadline; without older_than_days every direction waits', async () => {
    expect(await verdicts(db.pool, eserviceDirectionsEnrolled, { ...input, asOf: AS_OF.before })).toMatchObject({ 'd-ok': 'met', 'd-missed': 'pending' });
    expect(await verdicts(db.pool, eserviceDirectionsEnrolled, { ...input, params: { service: 'kindergarten' } })).toMatchObject({ 'd-ok': 'missed' });
  });
});

describe('admission_units_created', () => {
  const grade1 = inputFor({ service: 'school', grades: [1], require: ['vacant_places'] }, ['ООО'], { municipalities: ['m-units'], period: { id: '2024', start: '2024-01-01', end: '2024-12-31' } });
  const spo = inputFor({ service: 'spo' }, ['ПОО'], { municipalities: ['m-units'], period: { id: '2024', start: '2024-01-01', end: '2024-12-31' } });
  let unstamped = 0;

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-units', [
      ['u-ok', 'ООО'], ['u-edge', 'ООО'], ['u-late', 'ООО'], ['u-unstamped', 'ООО'], ['u-nounit', 'ООО'], ['u-senior', 'ООО'],
      ['s-ok', 'ПОО'], ['s-late', 'ПОО'], ['s-none', 'ПОО'], ['s-tests', 'ПОО'],
    ]);
    const school = await insertCampaign(db.pool, { kind: 'grade1', municipality: 'm-units', configuredAt: '2024-02-01T05:00:00Z', opensOn: '2024-04-01' });
    const stamped = (at: string) => ({ createdAt: AT.early, grade: 1, requirementsMetAt: { vacant_places: at } });
    await insertUnit(db.pool, school, 'u-ok', stamped(AT.early));
    await insertUnit(db.pool, school, 'u-edge', stamped(AT.edgeMet));
    await insertUnit(db.pool, school, 'u-late', stamped(AT.edgeLate));
    unstamped = await insertUnit(db.pool, school, 'u-unstamped', { createdAt: AT.early, grade: 1 });
    const taught = (org: string, grade: number) => db.pool.query(sql.unsafe`INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade, created_at)
      VALUES (${org}, '2023/2024', 'class', ${`${grade}А`}, ${grade}, '2023-08-20T05:00:00Z')`);
    await taught('u-nounit', 1);
    await taught('u-senior', 10); // no first grade taught: nothing needed
    for (const org of ['s-ok', 's-late', 's-none', 's-tests']) {
      const c = await insertCampaign(db.pool, { kind: 'spo', organisation: org, configuredAt: '2024-05-01T05:00:00Z', opensOn: '2024-06-20' });
      if (org === 's-ok') await insertUnit(db.pool, c, org, { createdAt: AT.early });
      if (org === 's-late') await insertUnit(db.pool, c, org, { createdAt: AT.edgeLate });
      if (org === 's-tests') {
        await insertUnit(db.pool, c, org, { createdAt: AT.early });
        await insertUnit(db.pool, c, org, { createdAt: AT.early, entranceTests: true });
      }
    }
  });

  test('school classes of the listed grades with vacant places: met, edge, late, missed', async () => {
    expect(await verdicts(db.pool, admissionUnitsCreated, grade1)).toEqual({
      'u-ok': 'met', 'u-edge': 'met', 'u-late': 'met_late', 'u-unstamped': 'missed', 'u-nounit': 'missed', 'u-senior': 'met',
    });
    const o = await outcomes(db.pool, admissionUnitsCreated, grade1);
    expect(o['u-late']!.completed_at).toBe(iso(AT.edgeLate));
    expect(o['u-unstamped']!.offending).toEqual([String(unstamped)]);
    expect(o['u-nounit']!.offending).toEqual(['1 класс']);
    expect(await verdicts(db.pool, admissionUnitsCreated, { ...grade1, asOf: AS_OF.before })).toMatchObject({ 'u-ok': 'met', 'u-edge': 'pending', 'u-unstamped': 'pending' });
  });

  test('specialties: at least one, created by the deadline; entrance tests only where they are held', async () => {
    expect(await verdicts(db.pool, admissionUnitsCreated, spo)).toEqual({ 's-ok': 'met', 's-late': 'met_late', 's-none': 'missed', 's-tests': 'met' });
    expect(await verdicts(db.pool, admissionUnitsCreated, { ...spo, asOf: AS_OF.before })).toMatchObject({ 's-late': 'pending', 's-none': 'pending' });
    const tests = await verdicts(db.pool, admissionUnitsCreated, { ...spo, params: { service: 'spo', require: ['entrance_tests'] } });
    expect(tests).toMatchObject({ 's-ok': 'met', 's-tests': 'missed' });
  });
});
