import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { associationsMatchProgrammes } from '../../../src/checks/period/rollover/associationsMatchProgrammes.js';
import { classGroupsFormed } from '../../../src/checks/period/rollover/classGroupsFormed.js';
import { planningDocumentsReady } from '../../../src/checks/period/rollover/planningDocumentsReady.js';
import { publicDocumentsPublished } from '../../../src/checks/period/rollover/publicDocumentsPublished.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { AS_OF, AT, inputFor, insertOrganisations, outcomes, verdicts } from './support.js';

let db: TestDatabase;

async function classGroup(org: string, kind: string, name: string, created: string, met: Record<string, string> = {}, opts: { year?: string; programme?: number } = {}): Promise<number> {
  return db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO class_groups (organisation_id, academic_year, kind, name, programme_id, created_at, updated_at, requirements_met_at)
    VALUES (${org}, ${opts.year ?? '2024/2025'}, ${kind}, ${name}, ${opts.programme ?? null}, ${created}, ${created}, ${sql.jsonb(met)})
    RETURNING id`);
}

async function planningDocument(org: string, kind: string, created: string, opts: { classGroup?: number; met?: Record<string, string>; year?: string } = {}): Promise<void> {
  await db.pool.query(sql.unsafe`
    INSERT INTO planning_documents (organisation_id, academic_year, kind, class_group_id, created_at, updated_at, requirements_met_at)
    VALUES (${org}, ${opts.year ?? '2024/2025'}, ${kind}, ${opts.classGroup ?? null}, ${created}, ${created}, ${sql.jsonb(opts.met ?? {})})`);
}

async function publicDocument(org: string, kind: string, approved: string, published: string | null): Promise<void> {
  await db.pool.query(sql.unsafe`INSERT INTO public_documents (organisation_id, kind, title, approved_on, published_at) VALUES (${org}, ${kind}, ${'Документ ' + kind}, ${approved}, ${published})`);
}

async function programme(org: string, created: string, opts: { active?: boolean; kind?: string } = {}): Promise<number> {
  return db.pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO programmes (organisation_id, name, kind, active, created_at) VALUES (${org}, 'Программа', ${opts.kind ?? 'additional'}, ${opts.active ?? true}, ${created}) RETURNING id`);
}

const both = (at: string) => ({ class_teacher: at, subject_teachers: at });

beforeAll(async () => {
  db = await freshDatabase('rollover_classes_docs');

  // class_groups_formed: schools judged on their classes with class and subject teachers.
  await insertOrganisations(db.pool, 'classes', [['k-a-met', 'ООО'], ['k-b-edge', 'ООО'], ['k-c-edge-late', 'ООО'], ['k-d-one-late', 'ООО'],
    ['k-e-none', 'ООО'], ['k-f-future', 'ООО'], ['k-g-unready', 'ООО'], ['k-h-groups-only', 'ООО']]);
  await classGroup('k-a-met', 'class', '1А', AT.early, both(AT.early));
  await classGroup('k-a-met', 'class', '2А', AT.early, both(AT.early));
  await classGroup('k-b-edge', 'class', '1А', AT.early, { class_teacher: AT.early, subject_teachers: AT.edgeMet });
  await classGroup('k-c-edge-late', 'class', '1А', AT.edgeLate, both(AT.edgeLate));
  await classGroup('k-d-one-late', 'class', '1А', AT.early, both(AT.early));
  await classGroup('k-d-one-late', 'class', '2А', AT.early, { class_teacher: AT.early, subject_teachers: AT.late });
  await classGroup('k-e-none', 'class', '1А', AT.early, both(AT.early), { year: '2023/2024' });
  await classGroup('k-f-future', 'class', '1А', AT.future, both(AT.future));
  await classGroup('k-g-unready', 'class', '1А', AT.early, both(AT.early));
  await classGroup('k-g-unready', 'class', '2А', AT.early, { class_teacher: AT.early });
  await classGroup('k-h-groups-only', 'group', 'Группа 1', AT.early, both(AT.early));

  // planning_documents_ready
  await insertOrganisations(db.pool, 'plans', [['p-a-met', 'ООО'], ['p-b-edge', 'ООО'], ['p-c-edge-late', 'ООО'], ['p-d-reqs-late', 'ООО'], ['p-e-none', 'ООО'], ['p-f-future', 'ООО']]);
  const reqs = (at: string) => ({ study_periods: at, subject_areas: at, common_subjects: at });
  await planningDocument('p-a-met', 'curriculum', AT.early, { met: reqs(AT.early) });
  await planningDocument('p-b-edge', 'curriculum', AT.early, { met: { ...reqs(AT.early), common_subjects: AT.edgeMet } });
  await planningDocument('p-c-edge-late', 'curriculum', AT.edgeLate, { met: reqs(AT.early) });
  // A first draft without subject areas is late; it does not count until the requirement is met.
  await planningDocument('p-d-reqs-late', 'curriculum', AT.early, { met: { study_periods: AT.early, common_subjects: AT.early, subject_areas: AT.late } });
  await planningDocument('p-e-none', 'curriculum', AT.early, { met: reqs(AT.early), year: '2023/2024' });
  await planningDocument('p-e-none', 'schedule', AT.early);
  await planningDocument('p-f-future', 'curriculum', AT.future, { met: reqs(AT.future) });

  // planning_documents_ready, per class: a timetable for each class.
  await insertOrganisations(db.pool, 'timetables', [['t-a-met', 'ООО'], ['t-b-one-missing', 'ООО'], ['t-c-org-wide', 'ООО'], ['t-d-no-classes', 'ДОО']]);
  for (const org of ['t-a-met', 't-b-one-missing', 't-c-org-wide']) {
    const first = await classGroup(org, 'class', '1А', AT.early);
    const second = await classGroup(org, 'class', '1Б', AT.early);
    if (org === 't-c-org-wide') await planningDocument(org, 'schedule', AT.early);
    else {
      await planningDocument(org, 'schedule', AT.early, { classGroup: first });
      await planningDocument(org, 'schedule', org === 't-a-met' ? AT.edgeMet : AT.late, { classGroup: second });
      if (org === 't-b-one-missing') await classGroup(org, 'class', '1В', AT.early);
    }
  }
  await planningDocument('t-d-no-classes', 'schedule', AT.edgeLate);

  // public_documents_published
  await insertOrganisations(db.pool, 'docs', [['d-a-met', 'ООО'], ['d-b-edge', 'ООО'], ['d-c-edge-late', 'ООО'], ['d-d-stale', 'ООО'], ['d-e-unpublished', 'ООО'], ['d-f-future', 'ООО']]);
  const publishAll = async (org: string, curriculum: [string, string | null]) => {
    await publicDocument(org, 'charter', '2016-03-01', '2016-03-03T06:00:00Z');
    await publicDocument(org, 'curriculum', ...curriculum);
    await publicDocument(org, 'gia_schedule', '2023-11-15', '2023-11-16T06:00:00Z');
  };
  await publishAll('d-a-met', ['2024-08-28', AT.early]);
  await publishAll('d-b-edge', ['2024-08-28', AT.edgeMet]);
  await publishAll('d-c-edge-late', ['2024-08-28', AT.edgeLate]);
  // Last year's curriculum, published long ago, is stale for a current-year obligation.
  await publishAll('d-d-stale', ['2023-08-28', '2023-08-29T06:00:00Z']);
  await publishAll('d-e-unpublished', ['2024-08-28', null]);
  await publishAll('d-f-future', ['2024-08-28', AT.future]);

  // associations_match_programmes
  await insertOrganisations(db.pool, 'assoc', [['a-a-met', 'ОДО'], ['a-b-edge', 'ОДО'], ['a-c-edge-late', 'ОДО'], ['a-d-fewer', 'ОДО'], ['a-e-none', 'ОДО'], ['a-f-future', 'ОДО']]);
  for (const [org, last] of [['a-a-met', AT.early], ['a-b-edge', AT.edgeMet], ['a-c-edge-late', AT.edgeLate], ['a-f-future', AT.future]] as const) {
    const p1 = await programme(org, '2023-05-01T06:00:00Z');
    const p2 = await programme(org, '2023-05-01T06:00:00Z');
    await programme(org, '2022-05-01T06:00:00Z', { active: false });
    await classGroup(org, 'association', 'Робототехника', AT.early, {}, { programme: p1 });
    await classGroup(org, 'association', 'Шахматы', last, {}, { programme: p2 });
  }
  const p1 = await programme('a-d-fewer', '2023-05-01T06:00:00Z');
  await programme('a-d-fewer', '2023-05-01T06:00:00Z');
  await classGroup('a-d-fewer', 'association', 'Робототехника', AT.early, {}, { programme: p1 });
});
afterAll(async () => {
  await db?.close();
});

describe('class_groups_formed', () => {
  const input = (asOf: string, params: Record<string, unknown> = { require: ['class_teacher', 'subject_teachers'] }) =>
    inputFor(params, ['ООО'], { municipalities: ['classes'], asOf });

  it('judges the classes of the new year and their requirements against the deadline', async () => {
    expect(await verdicts(db.pool, classGroupsFormed, input(AS_OF.after))).toEqual({
      'k-a-met': 'met', 'k-b-edge': 'met', 'k-c-edge-late': 'met_late', 'k-d-one-late': 'met_late',
      'k-e-none': 'missed', 'k-f-future': 'missed', 'k-g-unready': 'missed', 'k-h-groups-only': 'missed',
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, classGroupsFormed, input(AS_OF.before))).toMatchObject({
      'k-a-met': 'met', 'k-b-edge': 'pending', 'k-c-edge-late': 'pending', 'k-d-one-late': 'pending', 'k-f-future': 'pending',
    });
    expect(await verdicts(db.pool, classGroupsFormed, input(AS_OF.end))).toMatchObject({ 'k-f-future': 'met_late' });
  });

  it('names the classes that are not ready; the module decides classes or groups', async () => {
    const found = await outcomes(db.pool, classGroupsFormed, input(AS_OF.after));
    expect(found['k-g-unready']).toMatchObject({ completed_at: null, counts: { '2024/2025: классов (групп, объединений)': 2, 'не готово': 1 } });
    expect(found['k-g-unready']!.offending).toHaveLength(1);
    expect(await verdicts(db.pool, classGroupsFormed, input(AS_OF.after, { module: 'МДОО', require: ['class_teacher'] }))).toMatchObject({ 'k-h-groups-only': 'met', 'k-a-met': 'missed' });
    expect(await verdicts(db.pool, classGroupsFormed, input(AS_OF.after, {}))).toMatchObject({ 'k-g-unready': 'met', 'k-d-one-late': 'met' });
  });
});

describe('planning_documents_ready', () => {
  const curriculum = { kinds: ['curriculum'], require: ['study_periods', 'subject_areas', 'common_subjects'] };
  const input = (asOf: string, params: Record<string, unknown> = curriculum, municipality = 'plans', types = ['ООО']) =>
    inputFor(params, types, { municipalities: [municipality], asOf });

  it('judges the curriculum of the new year and its content against the deadline', async () => {
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.after))).toEqual({
      'p-a-met': 'met', 'p-b-edge': 'met', 'p-c-edge-late': 'met_late', 'p-d-reqs-late': 'met_late', 'p-e-none': 'missed', 'p-f-future': 'missed',
    });
    expect((await outcomes(db.pool, planningDocumentsReady, input(AS_OF.after)))['p-e-none']!.offending).toEqual(['учебный план']);
  });

  it('without `require` a curriculum counts from its creation, whatever its content', async () => {
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.after, { kinds: ['curriculum'] }))).toEqual({
      'p-a-met': 'met', 'p-b-edge': 'met', 'p-c-edge-late': 'met_late', 'p-d-reqs-late': 'met', 'p-e-none': 'missed', 'p-f-future': 'missed',
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.before))).toEqual({
      'p-a-met': 'met', 'p-b-edge': 'pending', 'p-c-edge-late': 'pending', 'p-d-reqs-late': 'pending', 'p-e-none': 'pending', 'p-f-future': 'pending',
    });
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.end))).toMatchObject({ 'p-f-future': 'met_late' });
  });

  it('with per_class_group wants a document for each class (one for the organisation if it has none)', async () => {
    const timetable = { kinds: ['schedule'], per_class_group: true };
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.after, timetable, 'timetables', ['ООО', 'ДОО']))).toEqual({
      't-a-met': 'met', 't-b-one-missing': 'missed', 't-c-org-wide': 'missed', 't-d-no-classes': 'met_late',
    });
    const found = await outcomes(db.pool, planningDocumentsReady, input(AS_OF.after, timetable, 'timetables', ['ООО']));
    expect(found['t-b-one-missing']!.counts).toEqual({ '2024/2025: требуется документов': 3, 'готово': 2 });
    expect(found['t-c-org-wide']!.offending).toHaveLength(2);
    expect(await verdicts(db.pool, planningDocumentsReady, input(AS_OF.after, { kinds: ['schedule'] }, 'timetables', ['ООО']))).toEqual({
      't-a-met': 'met', 't-b-one-missing': 'met', 't-c-org-wide': 'met',
    });
  });
});

describe('public_documents_published', () => {
  const params = { kinds: ['charter', 'curriculum', 'gia_schedule'], current_year: true };
  const input = (asOf: string, p: Record<string, unknown> = params) => inputFor(p, ['ООО'], { municipalities: ['docs'], asOf });

  it('judges the publication of every kind against the deadline', async () => {
    expect(await verdicts(db.pool, publicDocumentsPublished, input(AS_OF.after))).toEqual({
      'd-a-met': 'met', 'd-b-edge': 'met', 'd-c-edge-late': 'met_late', 'd-d-stale': 'missed', 'd-e-unpublished': 'missed', 'd-f-future': 'missed',
    });
    expect((await outcomes(db.pool, publicDocumentsPublished, input(AS_OF.after)))['d-d-stale']).toMatchObject({
      offending: ['учебный план на текущий учебный год'], counts: { 'размещено документов': 2, 'не размещено': 1 },
    });
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, publicDocumentsPublished, input(AS_OF.before))).toMatchObject({ 'd-a-met': 'met', 'd-b-edge': 'pending', 'd-e-unpublished': 'pending' });
    expect(await verdicts(db.pool, publicDocumentsPublished, input(AS_OF.end))).toMatchObject({ 'd-f-future': 'met_late' });
  });

  it('without current_year an old edition counts', async () => {
    expect(await verdicts(db.pool, publicDocumentsPublished, input(AS_OF.after, { kinds: params.kinds }))).toMatchObject({ 'd-d-stale': 'met' });
  });
});

describe('associations_match_programmes', () => {
  const input = (asOf: string) => inputFor({}, ['ОДО'], { municipalities: ['assoc'], asOf });

  it('judges the count of associations against active programmes by the deadline', async () => {
    expect(await verdicts(db.pool, associationsMatchProgrammes, input(AS_OF.after))).toEqual({
      'a-a-met': 'met', 'a-b-edge': 'met', 'a-c-edge-late': 'met_late', 'a-d-fewer': 'missed', 'a-e-none': 'missed', 'a-f-future': 'missed',
    });
    const found = await outcomes(db.pool, associationsMatchProgrammes, input(AS_OF.after));
    expect(found['a-d-fewer']!.counts).toEqual({ '2024/2025: объединений': 1, 'действующих программ': 2 });
    expect(found['a-d-fewer']!.offending).toHaveLength(1);
  });

  it('is pending before the deadline and sees nothing recorded after asOf', async () => {
    expect(await verdicts(db.pool, associationsMatchProgrammes, input(AS_OF.before))).toEqual({
      'a-a-met': 'met', 'a-b-edge': 'pending', 'a-c-edge-late': 'pending', 'a-d-fewer': 'pending', 'a-e-none': 'pending', 'a-f-future': 'pending',
    });
    expect(await verdicts(db.pool, associationsMatchProgrammes, input(AS_OF.end))).toMatchObject({ 'a-f-future': 'met_late' });
  });
});
