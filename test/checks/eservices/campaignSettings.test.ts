import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { admissionYearSwitched } from '../../../src/checks/period/eservices/admissionYearSwitched.js';
import { campaignIntakeOpen } from '../../../src/checks/period/eservices/campaignIntakeOpen.js';
import { eserviceDistributionHeld } from '../../../src/checks/period/eservices/eserviceDistributionHeld.js';
import { eserviceOrganisationCardComplete } from '../../../src/checks/period/eservices/eserviceOrganisationCardComplete.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';
import { insertCampaign } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase('eservices_settings');
});
afterAll(async () => db?.close());

const iso = (t: string) => new Date(t).toISOString();
const YEAR_2024 = { id: '2024', start: '2024-01-01', end: '2024-12-31' };

describe('campaign_intake_open', () => {
  const input = inputFor({ kind: 'spo' }, ['ПОО'], { municipalities: ['m-intake'], period: YEAR_2024 });
  const own = (org: string, configuredAt: string | null, opensOn: string | null, year = 2024) =>
    insertCampaign(db.pool, { kind: 'spo', organisation: org, configuredAt, opensOn, year });

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-intake', [
      ['i-ok', 'ПОО'], ['i-lastday', 'ПОО'], ['i-edge', 'ПОО'], ['i-late', 'ПОО'], ['i-nextday', 'ПОО'], ['i-nodate', 'ПОО'], ['i-lastyear', 'ПОО'], ['i-future', 'ПОО'],
      ['mouo-intake', 'МОУО'],
    ]);
    await own('i-ok', '2024-08-01T05:00:00Z', '2024-08-20');
    await own('i-lastday', '2024-08-01T05:00:00Z', '2024-09-05');
    await own('i-edge', AT.edgeMet, '2024-09-01');
    await own('i-late', AT.edgeLate, '2024-09-01');
    await own('i-nextday', '2024-08-01T05:00:00Z', '2024-09-06'); // its first instant is the deadline itself: late
    await own('i-nodate', '2024-08-01T05:00:00Z', null);
    await own('i-lastyear', '2023-08-01T05:00:00Z', '2023-08-20', 2023);
    await own('i-future', AT.future, '2024-09-01');
    await insertCampaign(db.pool, { kind: 'summer_camp', municipality: 'm-intake', configuredAt: '2024-03-01T05:00:00Z', opensOn: '2024-04-01' });
  });

  test('met from the intake day, at the last minute; late when configured or starting after the deadline; missed', async () => {
    expect(await verdicts(db.pool, campaignIntakeOpen, input)).toEqual({
      'i-ok': 'met', 'i-lastday': 'met', 'i-edge': 'met', 'i-late': 'met_late', 'i-nextday': 'met_late', 'i-nodate': 'missed', 'i-lastyear': 'missed', 'i-future': 'missed',
    });
    const o = await outcomes(db.pool, campaignIntakeOpen, input);
    expect(o['i-ok']!.completed_at).toBe('2024-08-19T19:00:01.000Z');
    expect(o['i-late']!.completed_at).toBe(iso(AT.edgeLate));
  });

  test('pending before the deadline; a municipal authority is judged by its municipality’s campaign', async () => {
    expect(await verdicts(db.pool, campaignIntakeOpen, { ...input, asOf: AS_OF.before })).toMatchObject({ 'i-ok': 'met', 'i-lastday': 'pending', 'i-late': 'pending' });
    expect(await verdicts(db.pool, campaignIntakeOpen, { ...input, params: { kind: 'summer_camp' }, organisationTypes: ['МОУО'] })).toEqual({ 'mouo-intake': 'met' });
  });
});

describe('admission_year_switched', () => {
  const input = inputFor({}, ['МОУО'], { municipalities: ['y-ok', 'y-edge', 'y-late', 'y-old', 'y-back', 'y-future'], period: YEAR_2024 });
  const set = (municipality: string, year: string, at: string) =>
    db.pool.query(sql.unsafe`INSERT INTO eservice_academic_years (region, municipality_id, academic_year, set_at) VALUES ('yanao', ${municipality}, ${year}, ${at})`);

  beforeAll(async () => {
    for (const m of ['y-ok', 'y-edge', 'y-late', 'y-old', 'y-back', 'y-future']) {
      await insertOrganisations(db.pool, m, [[`mouo-${m}`, 'МОУО']]);
      await set(m, '2023/2024', '2023-09-06T05:00:00Z');
    }
    await set('y-ok', '2024/2025', AT.early);
    await set('y-edge', '2024/2025', AT.edgeMet);
    await set('y-late', '2024/2025', AT.edgeLate);
    await set('y-back', '2024/2025', AT.early);
    await set('y-back', '2023/2024', '2024-08-21T05:00:00Z');
    await set('y-future', '2024/2025', AT.future);
  });

  test('met, at the last minute, late one minute after, missed (old year, switched back, switched after asOf), pending', async () => {
    expect(await verdicts(db.pool, admissionYearSwitched, input)).toEqual({
      'mouo-y-ok': 'met', 'mouo-y-edge': 'met', 'mouo-y-late': 'met_late', 'mouo-y-old': 'missed', 'mouo-y-back': 'missed', 'mouo-y-future': 'missed',
    });
    const o = await outcomes(db.pool, admissionYearSwitched, input);
    expect(o['mouo-y-old']).toMatchObject({ offending: ['2023/2024'], counts: { 'установлен 2024/2025': 0 } });
    expect(o['mouo-y-late']!.completed_at).toBe(iso(AT.edgeLate));
    expect(await verdicts(db.pool, admissionYearSwitched, { ...input, asOf: AS_OF.before })).toMatchObject({ 'mouo-y-ok': 'met', 'mouo-y-edge': 'pending' });
  });
});

describe('eservice_organisation_card_complete', () => {
  const input = inputFor({ fields: ['head_full_name', 'website_url'] }, ['ДОО'], { municipalities: ['m-card'], period: { id: '2024-09', start: '2024-09-01', end: '2024-09-30' } });
  const card = (org: string, stamps: Record<string, string>) =>
    db.pool.query(sql.unsafe`INSERT INTO eservice_organisation_cards (organisation_id, field_filled_at) VALUES (${org}, ${sql.jsonb(stamps)})`);

  beforeAll(async () => {
    await insertOrganisations(db.pool, 'm-card', [['c-ok', 'ДОО'], ['c-edge', 'ДОО'], ['c-late', 'ДОО'], ['c-partial', 'ДОО'], ['c-none', 'ДОО'], ['c-future', 'ДОО'], ['mouo-card', 'МОУО']]);
    await card('c-ok', { head_full_name: AT.early, website_url: AT.early, geo_coordinates: AT.early });
    await card('c-edge', { head_full_name: AT.early, website_url: AT.edgeMet });
    await card('c-late', { head_full_name: AT.early, website_url: AT.edgeLate });
    await card('c-partial', { head_full_name: AT.early });
    await card('c-future', { head_full_name: AT.early, website_url: AT.future });
  });

  test('met, at the last minute, late one minute after, missed with the missing items named', async () => {
    expect(await verdicts(db.pool, eserviceOrganisationCardComplete, input)).toEqual({
      'c-ok': 'met', 'c-edge': 'met', 'c-late': 'met_late', 'c-partial': 'missed', 'c-none': 'missed', 'c-future': 'missed',
    });
    const o = await outcomes(db.pool, eserviceOrganisationCardComplete, input);
    expect(o['c-partial']!.offending).toEqual(['адрес официального сайта']);
    expect(o['c-none']!.offending).toEqual(['фамилия, имя, отчество руководителя', 'адрес официального сайта']);
    expect(await verdicts(db.pool, eserviceOrganisationCardComplete, { ...input, asOf: AS_OF.before })).toMatchObject({ 'c-ok': 'met', 'c-edge': 'pending' });
  });

  test('a municipality answers for its kindergartens, named by id; bad parameters do not fail', async () => {
    const muni = await outcomes(db.pool, eserviceOrganisationCardComplete, { ...input, subjectScope: 'municipality' });
    expect(muni['mouo-card']).toMatchObject({ completed_at: null, offending: ['c-future', 'c-none', 'c-partial'] });
    expect(await verdicts(db.pool, eserviceOrganisationCardComplete, { ...input, params: { fields: 'all' } })).toMatchObject({ 'c-none': 'met' });
  });
});

describe('eservice_distribution_held', () => {
  const input = inputFor({ service: 'kindergarten' }, ['МОУО'], { municipalities: ['dist-ok', 'dist-edge', 'dist-late', 'dist-noprot', 'dist-none', 'dist-old'], period: YEAR_2024 });
  const run = (municipality: string, heldAt: string, protocolAt: string | null, directionsAt: string | null) =>
    db.pool.query(sql.unsafe`INSERT INTO eservice_distributions (region, municipality_id, service, held_at, protocol_at, directions_at)
      VALUES ('yanao', ${municipality}, 'kindergarten', ${heldAt}, ${protocolAt}, ${directionsAt})`);

  beforeAll(async () => {
    for (const m of ['dist-ok', 'dist-edge', 'dist-late', 'dist-noprot', 'dist-none', 'dist-old']) await insertOrganisations(db.pool, m, [[`mouo-${m}`, 'МОУО']]);
    await insertOrganisations(db.pool, 'dist-ok', [['doo-dist', 'ДОО']]);
    await run('dist-ok', '2024-05-10T05:00:00Z', '2024-05-11T05:00:00Z', '2024-05-12T05:00:00Z');
    await run('dist-edge', '2024-05-10T05:00:00Z', '2024-05-11T05:00:00Z', AT.edgeMet);
    await run('dist-late', '2024-05-10T05:00:00Z', AT.edgeLate, '2024-05-12T05:00:00Z');
    await run('dist-noprot', '2024-05-10T05:00:00Z', null, '2024-05-12T05:00:00Z');
    await run('dist-old', '2023-05-10T05:00:00Z', '2023-05-11T05:00:00Z', '2023-05-12T05:00:00Z');
  });

  test('met, at the last minute, late one minute after, missed without a protocol, none, last year’s', async () => {
    expect(await verdicts(db.pool, eserviceDistributionHeld, input)).toEqual({
      'mouo-dist-ok': 'met', 'mouo-dist-edge': 'met', 'mouo-dist-late': 'met_late', 'mouo-dist-noprot': 'missed', 'mouo-dist-none': 'missed', 'mouo-dist-old': 'missed',
    });
    const o = await outcomes(db.pool, eserviceDistributionHeld, input);
    expect(o['mouo-dist-noprot']!.counts).toEqual({ 'распределений проведено': 1, 'без протокола или направлений': 1 });
    expect(await verdicts(db.pool, eserviceDistributionHeld, { ...input, asOf: AS_OF.before })).toMatchObject({ 'mouo-dist-ok': 'met', 'mouo-dist-edge': 'pending' });
  });

  test('a kindergarten is judged by its municipality’s distribution', async () => {
    expect(await verdicts(db.pool, eserviceDistributionHeld, { ...input, organisationTypes: ['ДОО'] })).toEqual({ 'doo-dist': 'met' });
  });
});
