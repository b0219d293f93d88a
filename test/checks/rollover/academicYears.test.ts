import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { academicYearClosed } from '../../../src/checks/period/rollover/academicYearClosed.js';
import { academicYearOpened } from '../../../src/checks/period/rollover/academicYearOpened.js';
import { nextAcademicYearCreated } from '../../../src/checks/period/rollover/nextAcademicYearCreated.js';
import { targetAcademicYear } from '../../../src/checks/period/rollover/targetAcademicYear.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from './support.js';

let db: TestDatabase;

type YearRow = { org: string; year: string; module?: string; starts?: string | null; ends?: string | null; created?: string; opened?: string; closed?: string; daysOff?: string };
async function years(rows: YearRow[]): Promise<void> {
  for (const r of rows) {
    await db.pool.query(sql.unsafe`
      INSERT INTO academic_years (organisation_id, academic_year, module, starts_on, ends_on, next_year_created_at, opened_at, closed_at, days_off_set_at)
      VALUES (${r.org}, ${r.year}, ${r.module ?? null}, ${r.starts === undefined ? `${r.year.slice(0, 4)}-09-01` : r.starts},
              ${r.ends === undefined ? `${r.year.slice(5)}-05-31` : r.ends}, ${r.created ?? null}, ${r.opened ?? null}, ${r.closed ?? null}, ${r.daysOff ?? null})`);
  }
}

beforeAll(async () => {
  db = await freshDatabase('rollover_years');
  await insertOrganisations(db.pool, 'open', [['o-a-met', 'ООО'], ['o-b-edge', 'ООО'], ['o-c-edge-late', 'ООО'], ['o-d-days-off-late', 'ООО'],
    ['o-e-never', 'ООО'], ['o-f-future', 'ООО'], ['o-g-no-end', 'ООО'], ['o-h-old-year', 'ООО'], ['o-x-odo', 'ОДО']]);
  await years([
    { org: 'o-a-met', year: '2024/2025', opened: AT.early, daysOff: AT.early },
    { org: 'o-b-edge', year: '2024/2025', opened: AT.early, daysOff: AT.edgeMet },
    { org: 'o-c-edge-late', year: '2024/2025', opened: AT.edgeLate, daysOff: AT.early },
    { org: 'o-d-days-off-late', year: '2024/2025', opened: AT.early, daysOff: AT.late },
    { org: 'o-f-future', year: '2024/2025', opened: AT.future, daysOff: AT.future },
    { org: 'o-g-no-end', year: '2024/2025', opened: AT.early, daysOff: AT.early, ends: null },
    { org: 'o-h-old-year', year: '2023/2024', opened: '2023-09-01T05:00:00Z', daysOff: '2023-09-01T05:00:00Z' },
    { org: 'o-x-odo', year: '2024/2025', opened: AT.early, daysOff: AT.early },
  ]);

  await insertOrganisations(db.pool, 'module', [['md-school', 'ООО'], ['md-kindergarten', 'ДОО']]);
  await years([
    // A school that also runs preschool groups: its МДОО year is opened, its own (МОО) year is not.
    { org: 'md-school', year: '2024/2025' },
    { org: 'md-school', year: '2024/2025', module: 'МДОО', opened: AT.early },
    // An explicit row of the organisation's own module wins over the untagged one.
    { org: 'md-kindergarten', year: '2024/2025' },
    { org: 'md-kindergarten', year: '2024/2025', module: 'МДОО', opened: AT.early },
  ]);

  await insertOrganisations(db.pool, 'next', [['n-a-met', 'ДОО'], ['n-b-edge', 'ДОО'], ['n-c-edge-late', 'ДОО'], ['n-d-late', 'ДОО'], ['n-e-never', 'ДОО'], ['n-f-future', 'ДОО']]);
  await years([
    { org: 'n-a-met', year: '2025/2026', created: '2025-06-10T06:00:00Z' },
    { org: 'n-b-edge', year: '2025/2026', created: '2025-08-31T18:59:00Z' },
    { org: 'n-c-edge-late', year: '2025/2026', created: '2025-08-31T19:01:00Z' },
    { org: 'n-d-late', year: '2025/2026', created: '2025-09-10T06:00:00Z' },
    // The year being judged is the future one: the current year's record does not count.
    { org: 'n-e-never', year: '2024/2025', created: '2024-06-10T06:00:00Z' },
    { org: 'n-f-future', year: '2025/2026', created: '2025-10-20T06:00:00Z' },
  ]);

  await insertOrganisations(db.pool, 'close', [['c-a-met', 'ОДО'], ['c-b-edge', 'ОДО'], ['c-c-edge-late', 'ОДО'], ['c-d-late', 'ОДО'], ['c-e-never', 'ОДО'], ['c-f-future', 'ОДО']]);
  await years([
    { org: 'c-a-met', year: '2023/2024', closed: AT.early },
    { org: 'c-b-edge', year: '2023/2024', closed: AT.edgeMet },
    { org: 'c-c-edge-late', year: '2023/2024', closed: AT.edgeLate },
    { org: 'c-d-late', year: '2023/2024', closed: AT.late },
    // Closing the new year (by mistake) is not closing the old one.
    { org: 'c-e-never', year: '2024/2025', closed: AT.early },
    { org: 'c-f-future', year: '2023/2024', closed: AT.future },
  ]);
});
afterAll(async () => {
  await db?.close();
});

describe('targetAcademicYear', () => {
  it('takes the academic year starting on the 1 September nearest to the deadline', () => {
    expect(targetAcademicYear('2024-09-06T00:00:00.000+05:00', 'yanao')).toEqual({ id: '2024/2025', start: '2024-09-01', previousId: '2023/2024', previousStart: '2023-09-01' });
    expect(targetAcademicYear('2025-09-01T00:00:00.000+05:00', 'yanao').id).toBe('2025/2026');
    expect(targetAcademicYear('2024-08-26T00:00:00.000+11:00', 'sakhalin').id).toBe('2024/2025');
    expect(targetAcademicYear('2024-09-20T19:00:00.000Z', 'chelyabinsk').id).toBe('2024/2025');
    expect(targetAcademicYear('2024-12-31T19:00:00.000Z', 'yanao').id).toBe('2024/2025');
    expect(targetAcademicYear('2025-04-01T19:00:00.000Z', 'yanao').id).toBe('2025/2026');
  });
});

describe('academic_year_opened', () => {
  const fields = { fields: ['name', 'starts_on', 'ends_on', 'days_off'] };
  const scope = { municipalities: ['open'] };

  it('judges the opening and the year fields against the deadline (last minute of the local day)', async () => {
    expect(await verdicts(db.pool, academicYearOpened, inputFor(fields, ['ООО'], scope))).toEqual({
      'o-a-met': 'met', 'o-b-edge': 'met', 'o-c-edge-late': 'met_late', 'o-d-days-off-late': 'met_late',
      'o-e-never': 'missed', 'o-f-future': 'missed', 'o-g-no-end': 'missed', 'o-h-old-year': 'missed',
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, academicYearOpened, inputFor(fields, ['ООО'], { ...scope, asOf: AS_OF.before }))).toMatchObject({
      'o-a-met': 'met', 'o-b-edge': 'pending', 'o-c-edge-late': 'pending', 'o-d-days-off-late': 'pending', 'o-e-never': 'pending',
    });
    expect(await verdicts(db.pool, academicYearOpened, inputFor(fields, ['ООО'], { ...scope, asOf: AS_OF.end }))).toMatchObject({ 'o-f-future': 'met_late' });
  });

  it('says which fields are missing; without `fields` the opening alone counts', async () => {
    const found = await outcomes(db.pool, academicYearOpened, inputFor(fields, ['ООО'], scope));
    expect(found['o-g-no-end']).toMatchObject({ completed_at: null, offending: ['дата окончания'], counts: { '2024/2025: год открыт': 1, 'не заполнено реквизитов года': 1 } });
    expect(found['o-d-days-off-late']!.completed_at).toBe(new Date(AT.late).toISOString());
    expect(await verdicts(db.pool, academicYearOpened, inputFor({}, ['ООО'], scope))).toMatchObject({ 'o-d-days-off-late': 'met', 'o-g-no-end': 'met' });
  });

  it('judges the module named by the rule, else the organisation\'s own', async () => {
    const scopeM = { municipalities: ['module'] };
    expect(await verdicts(db.pool, academicYearOpened, inputFor({ module: 'МДОО' }, ['ООО', 'ДОО'], scopeM))).toEqual({ 'md-kindergarten': 'met', 'md-school': 'met' });
    expect(await verdicts(db.pool, academicYearOpened, inputFor({}, ['ООО', 'ДОО'], scopeM))).toEqual({ 'md-kindergarten': 'met', 'md-school': 'missed' });
    expect(await verdicts(db.pool, academicYearOpened, inputFor({ module: 'МОО' }, ['ДОО'], scopeM))).toEqual({ 'md-kindergarten': 'missed' });
  });
});

describe('next_academic_year_created', () => {
  // «С 31 мая по 31 августа» of the 2024/2025 year: due 24:00 of 31 August 2025, the year formed is 2025/2026.
  const input = (asOf: string) => inputFor({ module: 'МДОО' }, ['ДОО'], { municipalities: ['next'], dueAt: '2025-09-01T00:00:00.000+05:00', asOf });

  it('judges the formation of the future year against the deadline', async () => {
    expect(await verdicts(db.pool, nextAcademicYearCreated, input('2025-10-01T00:00:00Z'))).toEqual({
      'n-a-met': 'met', 'n-b-edge': 'met', 'n-c-edge-late': 'met_late', 'n-d-late': 'met_late', 'n-e-never': 'missed', 'n-f-future': 'missed',
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, nextAcademicYearCreated, input('2025-08-01T00:00:00Z'))).toEqual({
      'n-a-met': 'met', 'n-b-edge': 'pending', 'n-c-edge-late': 'pending', 'n-d-late': 'pending', 'n-e-never': 'pending', 'n-f-future': 'pending',
    });
    expect(await verdicts(db.pool, nextAcademicYearCreated, input('2025-11-01T00:00:00Z'))).toMatchObject({ 'n-f-future': 'met_late' });
  });
});

describe('academic_year_closed', () => {
  const input = (asOf: string) => inputFor({ module: 'МОДО' }, ['ОДО'], { municipalities: ['close'], asOf });

  it('judges the closing of the year that ended on 31 August', async () => {
    expect(await verdicts(db.pool, academicYearClosed, input(AS_OF.after))).toEqual({
      'c-a-met': 'met', 'c-b-edge': 'met', 'c-c-edge-late': 'met_late', 'c-d-late': 'met_late', 'c-e-never': 'missed', 'c-f-future': 'missed',
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, academicYearClosed, input(AS_OF.before))).toEqual({
      'c-a-met': 'met', 'c-b-edge': 'pending', 'c-c-edge-late': 'pending', 'c-d-late': 'pending', 'c-e-never': 'pending', 'c-f-future': 'pending',
    });
    expect(await verdicts(db.pool, academicYearClosed, input(AS_OF.end))).toMatchObject({ 'c-f-future': 'met_late' });
  });
});
