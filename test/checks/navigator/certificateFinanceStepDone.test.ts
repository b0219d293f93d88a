import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { certificateFinanceStepDone } from '../../../src/checks/period/navigator/certificateFinanceStepDone.js';
import type { PeriodCheckInput } from '../../../src/checks/period/periodCheck.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { DUE, JUST_AFTER, JUST_BEFORE, periodInput, verdicts } from '../journals/support.js';
import { insertOrg } from './support.js';

const AFTER = '2024-10-01T00:00:00Z';
const BEFORE = '2024-09-04T00:00:00Z';
const MONTH = { id: '2024-08', start: '2024-08-01', end: '2024-08-31' };
const YEAR = { id: '2024', start: '2024-01-01', end: '2024-12-31' };

describe('certificate_finance_step_done (period steps)', () => {
  let db: TestDatabase;
  const provider = async (org: string, opts: { addedAt?: string; tariffsAt?: string | null; municipality?: string } = {}) => {
    await insertOrg(db.pool, org, 'ОДО', opts.municipality);
    await db.pool.query(sql.unsafe`INSERT INTO certificate_providers (organisation_id, financial_period, added_at, tariffs_set_at)
      VALUES (${org}, '2024', ${opts.addedAt ?? '2024-02-01T05:00:00Z'}, ${opts.tariffsAt ?? null})`);
  };
  const month = (org: string, periodId: string, reportAt: string | null, requestAt: string | null = null) => db.pool.query(sql.unsafe`
    INSERT INTO finance_periods (organisation_id, period_id, report_at, request_at) VALUES (${org}, ${periodId}, ${reportAt}, ${requestAt})`);
  const step = (step: string, at: string, municipality: string | null) => db.pool.query(sql.unsafe`
    INSERT INTO certificate_finance_steps (region, municipality_id, step, financial_period, done_at) VALUES (${FIXTURE.region}, ${municipality}, ${step}, '2024', ${at})`);

  beforeAll(async () => {
    db = await freshDatabase('navigator_finance_period');
    await insertOrg(db.pool, 'ro', 'РО');
    await insertOrg(db.pool, 'mouo', 'МОУО');
    await insertOrg(db.pool, 'mouo-2', 'МОУО', 'm-other');
    await insertOrg(db.pool, 'odo-none', 'ОДО'); // takes no part in ПФДО
    await provider('odo-met', { tariffsAt: '2024-09-01T05:00:00Z' });
    await provider('odo-edge', { tariffsAt: JUST_BEFORE });
    await provider('odo-late', { tariffsAt: JUST_AFTER });
    await provider('odo-never');
    await provider('odo-future', { tariffsAt: '2024-10-15T05:00:00Z' });
    await month('odo-met', '2024-08', '2024-08-31T05:00:00Z', '2024-09-02T05:00:00Z');
    await month('odo-edge', '2024-08', JUST_BEFORE, JUST_BEFORE);
    await month('odo-late', '2024-08', JUST_AFTER, JUST_AFTER);
    await month('odo-never', '2024-07', '2024-07-31T05:00:00Z', '2024-08-01T05:00:00Z'); // another month only
    await month('odo-future', '2024-08', '2024-10-15T05:00:00Z');
    await step('financial_period', JUST_BEFORE, null);
    await step('nominal_set', JUST_AFTER, FIXTURE.municipality);
  });
  afterAll(async () => db?.close());

  const input = (params: Record<string, unknown>, over: Partial<PeriodCheckInput> = {}) =>
    periodInput({ params, asOf: AFTER, organisationTypes: ['ОДО'], period: MONTH, timezone: 'Asia/Yekaterinburg', ...over });
  const statuses = async (i: PeriodCheckInput) => Object.fromEntries(Object.entries(await verdicts(db.pool, certificateFinanceStepDone, i)).map(([k, v]) => [k, v.status]));

  test('monthly steps per provider: met, last minute, late, missed, done after asOf unseen; non-providers not judged', async () => {
    const expected = { 'odo-met': 'met', 'odo-edge': 'met', 'odo-late': 'met_late', 'odo-never': 'missed', 'odo-future': 'missed' };
    expect(await statuses(input({ step: 'actual_hours' }))).toEqual(expected);
    expect(await statuses(input({ step: 'settlement_request' }))).toEqual({ ...expected, 'odo-future': 'missed' });
    const late = (await verdicts(db.pool, certificateFinanceStepDone, input({ step: 'actual_hours' })))['odo-never']!;
    expect(late).toMatchObject({ completed_at: null, counts: { 'исполнителей услуг': 1, 'выполнили шаг': 0 }, offending: ['odo-never'] });
  });

  test('pending before the deadline; facts after asOf are not seen', async () => {
    expect(await statuses(input({ step: 'actual_hours' }, { asOf: BEFORE }))).toEqual({
      'odo-met': 'met', 'odo-edge': 'pending', 'odo-late': 'pending', 'odo-never': 'pending', 'odo-future': 'pending',
    });
  });

  test('group tariffs for the financial period of a one-off occurrence', async () => {
    expect(await statuses(input({ step: 'group_tariffs' }, { period: YEAR }))).toEqual({
      'odo-met': 'met', 'odo-edge': 'met', 'odo-late': 'met_late', 'odo-never': 'missed', 'odo-future': 'missed',
    });
  });

  test('a provider added after asOf is not yet judged', async () => {
    await provider('odo-added-later', { addedAt: '2024-11-01T05:00:00Z' });
    expect(Object.keys(await statuses(input({ step: 'group_tariffs' }, { period: YEAR })))).not.toContain('odo-added-later');
  });

  test('the municipal steps: providers added (done at the last), nominal set; none recorded is missed', async () => {
    const municipal = (params: Record<string, unknown>, asOf = AFTER) => input(params, { organisationTypes: ['МОУО'], subjectScope: 'municipality', period: YEAR, asOf });
    // Every provider of the fixture municipality was added on 1 February: long before the deadline.
    const added = await verdicts(db.pool, certificateFinanceStepDone, municipal({ step: 'providers_added' }));
    expect(added.mouo).toMatchObject({ status: 'met', completed_at: '2024-02-01T05:00:00.000Z' });
    expect(added['mouo-2']).toMatchObject({ status: 'missed', completed_at: null, counts: { 'исполнителей услуг': 0 } });
    expect(await statuses(municipal({ step: 'nominal_set' }))).toEqual({ mouo: 'met_late', 'mouo-2': 'missed' });
    expect(await statuses(municipal({ step: 'nominal_set' }, BEFORE))).toEqual({ mouo: 'pending', 'mouo-2': 'pending' });
  });

  test('the regional step is judged for the regional tier; the edge minute is met', async () => {
    const regional = input({ step: 'financial_period' }, { organisationTypes: ['ИНОЕ'], subjectScope: 'region', period: YEAR });
    expect(await verdicts(db.pool, certificateFinanceStepDone, regional)).toMatchObject({ ro: { status: 'met', completed_at: new Date(JUST_BEFORE).toISOString() } });
    expect(DUE).toBe('2024-09-05T19:00:00.000Z');
  });

  test('event steps and unknown steps judge nobody', async () => {
    for (const s of ['agreements', 'invoices_accepted', 'nonsense', undefined]) expect(await certificateFinanceStepDone.evaluate(db.pool, input({ step: s }))).toEqual([]);
  });
});
