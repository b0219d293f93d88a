import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { admissionCampaignsConfigured } from '../../../src/checks/period/journals/admissionCampaignsConfigured.js';
import { eserviceCampaignConfigured } from '../../../src/checks/period/journals/eserviceCampaignConfigured.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { insertMunicipality, insertOrganisation, JUST_AFTER, JUST_BEFORE, periodInput, verdicts } from './support.js';

describe('eservice_campaign_configured / admission_campaigns_configured', () => {
  let db: TestDatabase;
  const campaign = (municipality: string | null, kind: string, year: number, stage: number, configuredAt: string | null, organisation: string | null = null) =>
    db.pool.query(sql.unsafe`INSERT INTO admission_campaigns (region, municipality_id, organisation_id, kind, year, stage, configured_at)
      VALUES (${FIXTURE.region}, ${municipality}, ${organisation}, ${kind}, ${year}, ${stage}, ${configuredAt})`);

  beforeAll(async () => {
    db = await freshDatabase('journals_campaigns');
    for (const m of ['ma', 'mb', 'mc', 'md']) {
      await insertMunicipality(db.pool, m);
      await insertOrganisation(db.pool, `mouo-${m}`, 'МОУО', m);
    }
    await insertOrganisation(db.pool, 'school-ma', 'ООО', 'ma');
    await campaign('ma', 'grade1', 2024, 1, JUST_BEFORE);
    await campaign('mb', 'grade1', 2024, 1, JUST_AFTER);
    await campaign('mc', 'grade1', 2024, 2, '2024-08-01T00:00:00Z');   // the other stage
    await campaign('mc', 'grade1', 2023, 1, '2023-02-01T00:00:00Z');   // last year's campaign
    await campaign('mc', 'grade1', 2024, 1, null);                     // created, not configured
    await campaign('md', 'grade1', 2024, 1, '2024-09-10T00:00:00Z');   // recorded after the evaluation below
    await campaign('ma', 'grade5', 2024, 1, '2024-05-01T00:00:00Z');
    await campaign('ma', 'grade10', 2024, 1, JUST_AFTER);
    await campaign('mb', 'grade5', 2024, 1, '2024-05-01T00:00:00Z');
  });
  afterAll(async () => db?.close());

  const input = (asOf: string, params: Record<string, unknown>, organisationTypes = ['МОУО']) =>
    periodInput({ organisationTypes, params, asOf, period: { id: '2024', start: '2024-01-01', end: '2024-12-31' } });

  test('one campaign: met in the last minute, met late a minute after, missed for another stage or year', async () => {
    const v = await verdicts(db.pool, eserviceCampaignConfigured, input('2024-09-06T05:00:00Z', { kind: 'grade1', stage: 1 }));
    expect(v['mouo-ma']).toMatchObject({ status: 'met', completed_at: '2024-09-05T18:59:00.000Z' });
    expect(v['mouo-mb']).toMatchObject({ status: 'met_late', completed_at: '2024-09-05T19:01:00.000Z' });
    expect(v['mouo-mc']).toMatchObject({ status: 'missed', completed_at: null });
    expect(v['mouo-md']).toMatchObject({ status: 'missed', completed_at: null });
  });

  test('pending before the deadline; a configuration recorded after asOf is not seen', async () => {
    const v = await verdicts(db.pool, eserviceCampaignConfigured, input('2024-09-05T18:58:00Z', { kind: 'grade1', stage: 1 }));
    expect(v['mouo-mb']).toMatchObject({ status: 'pending' });
    expect(v['mouo-ma']).toMatchObject({ status: 'pending', completed_at: null });
    const later = await verdicts(db.pool, eserviceCampaignConfigured, input('2024-09-11T00:00:00Z', { kind: 'grade1', stage: 1 }));
    expect(later['mouo-md']).toMatchObject({ status: 'met_late' });
  });

  test('without a stage any stage counts; a school is covered by its municipality’s campaign', async () => {
    const v = await verdicts(db.pool, eserviceCampaignConfigured, input('2024-09-06T05:00:00Z', { kind: 'grade1' }));
    expect(v['mouo-mc']).toMatchObject({ status: 'met', completed_at: '2024-08-01T00:00:00.000Z' });
    const schools = await verdicts(db.pool, eserviceCampaignConfigured, input('2024-09-06T05:00:00Z', { kind: 'grade1', stage: 1 }, ['ООО']));
    expect(schools['school-ma']).toMatchObject({ status: 'met' });
  });

  test('several campaigns: done when the last of them is configured', async () => {
    const v = await verdicts(db.pool, admissionCampaignsConfigured, input('2024-09-06T05:00:00Z', { kinds: ['grade5', 'grade10'] }));
    expect(v['mouo-ma']).toMatchObject({ status: 'met_late', completed_at: '2024-09-05T19:01:00.000Z', counts: { 'кампаний требуется': 2, 'кампаний настроено': 2 } });
    expect(v['mouo-mb']).toMatchObject({ status: 'missed', counts: { 'кампаний настроено': 1 } });
    const onlyFive = await verdicts(db.pool, admissionCampaignsConfigured, input('2024-09-05T19:00:00Z', { kinds: ['grade5'] }));
    expect(onlyFive['mouo-ma']).toMatchObject({ status: 'met' });
  });
});
