import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { operatorControlCompleted } from '../../../src/checks/period/operator/operatorControlCompleted.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from '../rollover/support.js';

let db: TestDatabase;
const q = (text: ReturnType<typeof sql.unsafe>) => db.pool.query(text);
const LEVELS = [{ name: 'высокий', min: 90 }, { name: 'средний', min: 50 }, { name: 'низкий', min: 0 }];

async function submit(control: string, period: string, at: string): Promise<void> {
  await q(sql.unsafe`INSERT INTO monitoring_submissions (municipality_id, region, tier, monitoring, period_id, submitted_at)
    VALUES (NULL, 'yanao', 'regional', ${control}, ${period}, ${at})`);
}

async function student(org: string, grade: number | null, fields: Record<string, string> = {}): Promise<number> {
  const cls = grade === null ? null : (await db.pool.oneFirst(sql.unsafe`INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade)
    VALUES (${org}, '2024/2025', 'class', ${grade + '-А'}, ${grade}) RETURNING id`)) as number;
  return (await db.pool.oneFirst(sql.unsafe`INSERT INTO students (organisation_id, last_name, class_group_id, created_at, field_filled_at)
    VALUES (${org}, ${fields.last_name ? 'Учеников' : null}, ${cls}, '2024-01-01T00:00:00Z', ${sql.jsonb(fields)}) RETURNING id`)) as number;
}

/** The regional tier over the yanao organisations of `types` in `municipality`. */
const regional = (control: string, types: string[], municipality: string, over: Parameters<typeof inputFor>[2] = {}) =>
  inputFor({ control }, types, { subjectScope: 'region', municipalities: [municipality], ...over });

beforeAll(async () => {
  db = await freshDatabase('operator_control');
  await insertOrganisations(db.pool, 'mun-ro', [['ro', 'РО']]);

  // rollover_progress: s1 formed the year and entered orders; k1 at the last minute; s2 has no orders; s3 formed it late.
  await insertOrganisations(db.pool, 'mun-roll', [['s1', 'ООО'], ['s2', 'ООО'], ['s3', 'ООО'], ['k1', 'ДОО']]);
  for (const [org, at] of [['s1', AT.early], ['s2', AT.early], ['s3', AT.late], ['k1', AT.edgeMet]] as const) {
    await q(sql.unsafe`INSERT INTO academic_years (organisation_id, academic_year, next_year_created_at) VALUES (${org}, '2024/2025', ${at})`);
  }
  for (const [org, at] of [['s1', AT.early], ['s3', AT.early], ['k1', AT.edgeMet]] as const) {
    const id = await student(org, null);
    await q(sql.unsafe`INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at) VALUES (${org}, ${id}, 'graduation', '1-в', '2024-05-31', ${at})`);
  }

  // data_completeness: 5 of 10 organisation fields (one more only after the deadline), 2 of 18 staff fields, 1 of 10 student fields.
  await insertOrganisations(db.pool, 'mun-data', [['d1', 'ООО']]);
  const orgStamps = { short_name: AT.early, inn: AT.early, head_name: AT.early, phone: AT.early, address: AT.early, email: AT.future };
  await q(sql.unsafe`UPDATE organisations SET field_filled_at = ${sql.jsonb(orgStamps)} WHERE id = 'd1'`);
  await q(sql.unsafe`INSERT INTO staff (organisation_id, last_name, first_name, created_at, field_filled_at)
    VALUES ('d1', 'Учителева', 'Анна', '2024-01-01T00:00:00Z', ${sql.jsonb({ last_name: AT.early, first_name: AT.early })})`);
  await student('d1', 5, { last_name: AT.early });

  // applications_kindergarten over August: on time, late, never (term over), within its term (not judged), outside the period.
  await insertOrganisations(db.pool, 'mun-apps', [['a1', 'ДОО']]);
  const apps: [string, string | null][] = [
    ['2024-08-10T05:00:00Z', '2024-08-12T05:00:00Z'], ['2024-08-10T05:00:00Z', '2024-08-25T05:00:00Z'], ['2024-08-10T05:00:00Z', null],
    ['2024-08-31T05:00:00Z', null], ['2024-09-02T05:00:00Z', '2024-09-03T05:00:00Z'],
  ];
  for (const [submitted, reviewed] of apps) {
    await q(sql.unsafe`INSERT INTO citizen_applications (organisation_id, kind, submitted_at, status, reviewed_at) VALUES ('a1', 'kindergarten', ${submitted}, 'зарегистрировано', ${reviewed})`);
  }

  // readiness_grade1_stage1: the МОУО's campaign is configured, one school entered its places, the other did not.
  await insertOrganisations(db.pool, 'mun-ready', [['r-mo', 'МОУО'], ['r-s1', 'ООО'], ['r-s2', 'ООО']]);
  const campaign = await db.pool.oneFirst(sql.unsafe`INSERT INTO admission_campaigns (region, municipality_id, kind, year, stage, configured_at)
    VALUES ('yanao', 'mun-ready', 'grade1', 2024, 1, ${AT.early}) RETURNING id`);
  await q(sql.unsafe`INSERT INTO campaign_places (campaign_id, organisation_id, unit, places_total, created_at) VALUES (${campaign as number}, 'r-s1', '1 класс', 25, ${AT.early})`);

  // fgis_ddo_export: ok; failed last; no exchange; failed then fixed at the last minute.
  await insertOrganisations(db.pool, 'mun-fgis', [['f1', 'ДОО'], ['f2', 'ДОО'], ['f3', 'ДОО'], ['f4', 'ДОО']]);
  const exchanges: [string, string, boolean][] = [['f1', AT.early, true], ['f2', AT.early, true], ['f2', AT.edgeMet, false], ['f4', AT.early, false], ['f4', AT.edgeMet, true], ['f1', AT.edgeLate, false]];
  for (const [org, at, ok] of exchanges) await q(sql.unsafe`INSERT INTO integration_exchanges (system, organisation_id, exchanged_at, ok, region) VALUES ('fgis_ddo', ${org}, ${at}, ${ok}, 'yanao')`);

  // quarterly_indicators: q1 recorded every attribute of its pupil, q2 all but one.
  await insertOrganisations(db.pool, 'mun-quarter', [['q1', 'ООО'], ['q2', 'ООО']]);
  const indicators = ['advanced_classes', 'profile_classes', 'individualised_programmes', 'personal_achievements', 'event_participation', 'dod_enrollment'];
  for (const org of ['q1', 'q2']) {
    const id = await student(org, 10);
    for (const ind of indicators.filter((i) => org === 'q1' || i !== 'profile_classes')) {
      await q(sql.unsafe`INSERT INTO student_indicator_marks (student_id, indicator, value, marked_at) VALUES (${id}, ${ind}, false, ${AT.early})`);
    }
  }

  // Recording the control: under the deadline's date, on time, at the last minute, one minute late, late, after asOf.
  await submit('gifted_achievements_report', 'p-met', AT.early);
  await submit('gifted_achievements_report', 'p-edge', AT.edgeMet);
  await submit('gifted_achievements_report', 'p-edge-late', AT.edgeLate);
  await submit('gifted_achievements_report', 'p-late', AT.late);
  await submit('gifted_achievements_report', 'p-future', AT.future);
  await submit('rollover_progress', '2024-09-05', AT.early);
  await submit('rollover_progress', '2024', '2024-08-12T06:00:00Z');
});
afterAll(async () => {
  await db?.close();
});

describe('operator_control_completed', () => {
  const recorded = (period: string, asOf: string) =>
    inputFor({ control: 'gifted_achievements_report' }, ['ООО'], { subjectScope: 'region', period: { id: period, start: '2024-09-01', end: '2024-09-30' }, asOf });

  it('is done when the operator recorded the control: met, at the last minute, late, missed; a report export has no metric', async () => {
    const status = async (period: string, asOf = AS_OF.after) => (await verdicts(db.pool, operatorControlCompleted, recorded(period, asOf))).ro;
    expect(await status('p-met')).toBe('met');
    expect(await status('p-edge')).toBe('met');
    expect(await status('p-edge-late')).toBe('met_late');
    expect(await status('p-late')).toBe('met_late');
    expect(await status('p-none')).toBe('missed');
    expect(await status('p-future')).toBe('missed');
    expect(await status('p-future', AS_OF.end)).toBe('met_late');
    expect(await status('p-edge', AS_OF.before)).toBe('pending');
    expect(await outcomes(db.pool, operatorControlCompleted, recorded('p-met', AS_OF.after))).toEqual({
      ro: { subject_kind: 'organisation', subject_id: 'ro', completed_at: '2024-08-20T06:00:00.000Z', metric: null, counts: {}, offending: [] },
    });
  });

  it('a one-off control is filed under its date; a submission before the window opened belongs to an earlier control', async () => {
    const once = regional('rollover_progress', ['ООО', 'ДОО'], 'mun-roll', { period: { id: '2024', start: '2024-01-01', end: '2024-12-31' } });
    expect((await outcomes(db.pool, operatorControlCompleted, once)).ro!.completed_at).toBe('2024-08-12T06:00:00.000Z');
    const windowed = { ...once, windowOpensAt: '2024-08-19T19:00:00.000Z' };
    expect((await outcomes(db.pool, operatorControlCompleted, windowed)).ro!.completed_at).toBe('2024-08-20T06:00:00.000Z');
  });

  it('rollover_progress: the share of organisations that formed the year and entered graduation or transfer orders, graded by levels', async () => {
    const input = regional('rollover_progress', ['ООО', 'ДОО'], 'mun-roll', { period: { id: '2024-09-05', start: '2024-09-05', end: '2024-09-05' } });
    expect((await outcomes(db.pool, operatorControlCompleted, input)).ro).toMatchObject({
      metric: 50, counts: { 'организаций': 4, 'сформировали год и приказы о выпуске и переводе': 2 },
    });
    expect(await verdicts(db.pool, operatorControlCompleted, input, LEVELS)).toEqual({ ro: 'met/средний' });
    // Before the deadline the indicator is taken at asOf: k1 had not yet formed its year.
    expect((await outcomes(db.pool, operatorControlCompleted, { ...input, asOf: AS_OF.before })).ro!.metric).toBe(25);
  });

  it('data_completeness: filled fields of organisation, staff and student cards at the deadline', async () => {
    const found = (await outcomes(db.pool, operatorControlCompleted, regional('data_completeness', ['ООО'], 'mun-data'))).ro!;
    expect(found).toMatchObject({ counts: { 'полей карточек': 38, 'заполнено': 8 }, metric: 21.1 });
  });

  it('applications: the share reviewed within the term among those whose term ran out or that were reviewed', async () => {
    const input = regional('applications_kindergarten', ['ДОО'], 'mun-apps', { period: { id: '2024-08', start: '2024-08-01', end: '2024-08-31' } });
    expect((await outcomes(db.pool, operatorControlCompleted, input)).ro).toMatchObject({ metric: 33.3, counts: { 'заявлений': 3, 'рассмотрено в срок': 1 } });
  });

  it('readiness, export errors and quarterly attributes are measured per organisation', async () => {
    const metric = async (control: string, types: string[], municipality: string) =>
      (await outcomes(db.pool, operatorControlCompleted, regional(control, types, municipality))).ro!.metric;
    expect(await metric('readiness_grade1_stage1', ['МОУО', 'ООО'], 'mun-ready')).toBe(66.7);
    expect(await metric('fgis_ddo_export', ['ДОО'], 'mun-fgis')).toBe(50);
    expect(await metric('quarterly_indicators', ['ООО'], 'mun-quarter')).toBe(50);
    // Controls whose data the schema does not hold are recorded without a metric.
    expect(await metric('attendance_filling', ['ДОО'], 'mun-fgis')).toBeNull();
  });
});
