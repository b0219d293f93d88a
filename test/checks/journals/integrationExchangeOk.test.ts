import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { integrationExchangeOk } from '../../../src/checks/period/journals/integrationExchangeOk.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { insertMunicipality, insertOrganisation, JUST_AFTER, JUST_BEFORE, periodInput, verdicts } from './support.js';

describe('integration_exchange_ok', () => {
  let db: TestDatabase;
  const exchange = (system: string, at: string, ok: boolean, region: string | null = FIXTURE.region, organisation: string | null = null) =>
    db.pool.query(sql.unsafe`INSERT INTO integration_exchanges (system, organisation_id, region, exchanged_at, ok) VALUES (${system}, ${organisation}, ${region}, ${at}, ${ok})`);

  beforeAll(async () => {
    db = await freshDatabase('journals_integration');
    await insertMunicipality(db.pool, FIXTURE.municipality);
    await insertOrganisation(db.pool, 'op', 'ОПЕРАТОР');
    await exchange('epgu', '2024-09-05T10:00:00Z', true);
    await exchange('esia', '2024-09-05T05:00:00Z', true);
    await exchange('esia', '2024-09-05T18:00:00Z', false);
    await exchange('esia', JUST_BEFORE, true, null, 'op');         // logged for the operator itself
    await exchange('moya_shkola', '2024-09-05T10:00:00Z', false);
    await exchange('moya_shkola', JUST_AFTER, true);
    await exchange('eais_do', '2024-09-04T18:59:00Z', true);        // 23:59 local on the day before
    await exchange('eais_do', '2024-09-05T10:00:00Z', true, 'sakhalin'); // another region's installation
  });
  afterAll(async () => db?.close());

  const input = (system: string, asOf: string) =>
    periodInput({ organisationTypes: ['ОПЕРАТОР'], params: { system }, asOf, period: { id: '2024-09-05', start: '2024-09-05', end: '2024-09-05' } });
  const verdict = async (system: string, asOf: string) => (await verdicts(db.pool, integrationExchangeOk, input(system, asOf))).op!;

  test('met: a successful exchange in the day', async () => {
    expect(await verdict('epgu', '2024-09-06T05:00:00Z')).toMatchObject({ status: 'met', completed_at: '2024-09-05T10:00:00.000Z', counts: { 'успешных обменов': 1 } });
  });

  test('a failure followed by a success in the last minute is met', async () => {
    expect(await verdict('esia', '2024-09-06T05:00:00Z')).toMatchObject({ status: 'met', completed_at: '2024-09-05T18:59:00.000Z', offending: [] });
  });

  test('a failure fixed one minute after the deadline is met late; pending before it', async () => {
    const pending = await verdict('moya_shkola', '2024-09-05T12:00:00Z');
    expect(pending).toMatchObject({ status: 'pending', completed_at: null, counts: { 'неуспешных обменов': 1 } });
    expect(pending.offending).toHaveLength(1);
    expect(await verdict('moya_shkola', '2024-09-06T05:00:00Z')).toMatchObject({ status: 'met_late', completed_at: '2024-09-05T19:01:00.000Z', offending: [] });
  });

  test('missed: no exchange, or only the day before, or another region’s', async () => {
    expect(await verdict('fgis_ddo', '2024-09-06T05:00:00Z')).toMatchObject({ status: 'missed', completed_at: null });
    expect(await verdict('eais_do', '2024-09-06T05:00:00Z')).toMatchObject({ status: 'missed', completed_at: null });
  });

  test('facts after asOf are not seen: before the failure the morning success stands', async () => {
    expect(await verdict('esia', '2024-09-05T17:00:00Z')).toMatchObject({ status: 'met', completed_at: '2024-09-05T05:00:00.000Z' });
    expect(await verdict('esia', '2024-09-05T18:30:00Z')).toMatchObject({ status: 'pending', completed_at: null });
  });
});
