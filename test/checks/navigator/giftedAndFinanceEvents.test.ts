import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import type { DueByDate, SweepWindow } from '../../../src/checks/event/eventCheck.js';
import { certificateFinanceEvents } from '../../../src/checks/event/navigator/certificateFinanceEvents.js';
import { giftedEventEntered } from '../../../src/checks/event/navigator/giftedEventEntered.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { casesOf, runVerdictTable, sweepOnce } from '../people/eventScenario.js';
import { dueOf, FIVE_WD, insertOrg, plus, runInstantVerdicts, SAME_DAY, THREE_WD } from './support.js';

const NOW = new Date().toISOString();
const id = z.object({ id: z.number() });

describe('gifted_event_entered', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('navigator_gifted');
    await insertOrg(db.pool, FIXTURE.school, 'ООО');
  });
  afterAll(async () => db?.close());

  const event = (o: { title: string; level?: string; publishedOn: string; recordedAt: string; enteredAt?: string | null; resultsOn?: string; resultsRecordedAt?: string }) => db.pool.oneFirst(sql.type(id)`
    INSERT INTO gifted_events (organiser_id, level, title, documents_published_on, documents_recorded_at, entered_at, results_published_on, results_recorded_at)
    VALUES (${FIXTURE.school}, ${o.level ?? 'regional'}, ${o.title}, ${o.publishedOn}, ${o.recordedAt}, ${o.enteredAt ?? null}, ${o.resultsOn ?? null}, ${o.resultsRecordedAt ?? null})
    RETURNING id`);
  const participation = (eventId: number, org: string, o: { invitedAt: string; assignedAt?: string | null; resultsAt?: string | null }) => db.pool.oneFirst(sql.type(id)`
    INSERT INTO gifted_event_participations (gifted_event_id, organisation_id, invited_at, participants_assigned_at, results_entered_at)
    VALUES (${eventId}, ${org}, ${o.invitedAt}, ${o.assignedAt ?? null}, ${o.resultsAt ?? null}) RETURNING id`);

  test('participants assigned within 5 working days of the documents’ publication, which the operator may enter late (gifted-participants-5wd)', async () => {
    // Documents published Monday 2 September 2024: 5 working days end with Monday 9 September.
    let n = 0;
    await runVerdictTable(db.pool, giftedEventEntered, {
      insert: async (tag, o) => {
        const org = `school-${++n}`;
        await insertOrg(db.pool, org, 'ООО');
        const e = await event({ title: `Олимпиада ${tag}`, publishedOn: o.eventDate, recordedAt: o.enteredAt });
        return participation(e, org, { invitedAt: o.enteredAt, assignedAt: o.doneAt });
      },
      complete: async (p, at) => { await db.pool.query(sql.unsafe`UPDATE gifted_event_participations SET participants_assigned_at = ${at} WHERE id = ${p}`); },
    }, { ruleId: 'participants', params: { entry: 'participants' }, term: FIVE_WD, eventDate: '2024-09-02', dueAt: '2024-09-09T19:00:00.000Z', subjectKind: 'gifted_participation' });
  });

  test('events are created within 3 working days, only those of the rule’s levels (gifted-events-regional-3wd)', async () => {
    const recorded = '2024-10-07T04:00:00Z';
    const due = dueOf('2024-10-07', THREE_WD);
    await event({ title: 'Региональный вовремя', publishedOn: '2024-10-07', recordedAt: recorded, enteredAt: '2024-10-08T05:00:00Z' });
    await event({ title: 'Всероссийский в последнюю минуту', level: 'all_russian', publishedOn: '2024-10-07', recordedAt: recorded, enteredAt: plus(due, -1) });
    const late = await event({ title: 'Региональный поздно', publishedOn: '2024-10-07', recordedAt: recorded, enteredAt: plus(due, 1) });
    const never = await event({ title: 'Региональный не создан', publishedOn: '2024-10-07', recordedAt: recorded });
    await event({ title: 'Муниципальный', level: 'municipal', publishedOn: '2024-10-07', recordedAt: recorded });
    const params = { entry: 'event', levels: ['municipal_stage', 'regional', 'all_russian', 'international'] };
    const base = { ruleId: 'events', params, term: THREE_WD, watermark: '2024-10-07T00:00:00Z' };
    expect(await sweepOnce(db.pool, giftedEventEntered, { ...base, asOf: plus(due, -1) })).toMatchObject({ met: 0, opened: 0 });
    expect(await sweepOnce(db.pool, giftedEventEntered, { ...base, asOf: plus(due, 60) })).toMatchObject({ met: 2, met_late: 1, opened: 1 });
    expect(Object.fromEntries((await casesOf(db.pool, 'events')).map((c) => [Number(c.subject_id), c.status]))).toEqual({ [late]: 'met_late', [never]: 'open' });
    const open = await giftedEventEntered.openCases(db.pool, { regulationId: 'test-people', ruleId: 'events' }, params, NOW);
    expect(open.map((c) => [c.subject_label, c.missing])).toEqual([
      ['Мероприятие «Региональный не создан»: документы о проведении опубликованы 07.10.2024', ['не выполнено: мероприятие создано']],
    ]);
  });

  test('results entered within 3 working days of their publication, by organisations that sent participants (gifted-results-3wd)', async () => {
    const due = dueOf('2024-11-11', THREE_WD);
    const e = await event({ title: 'Конкурс', publishedOn: '2024-10-01', recordedAt: '2024-10-01T05:00:00Z', enteredAt: '2024-10-01T06:00:00Z', resultsOn: '2024-11-11', resultsRecordedAt: '2024-11-11T05:00:00Z' });
    for (const org of ['r-1', 'r-2', 'r-3', 'r-4']) await insertOrg(db.pool, org, 'ООО');
    await participation(e, 'r-1', { invitedAt: '2024-10-01T05:00:00Z', assignedAt: '2024-10-02T05:00:00Z', resultsAt: plus(due, -1) });
    const late = await participation(e, 'r-2', { invitedAt: '2024-10-01T05:00:00Z', assignedAt: '2024-10-02T05:00:00Z', resultsAt: plus(due, 1) });
    const never = await participation(e, 'r-3', { invitedAt: '2024-10-01T05:00:00Z', assignedAt: '2024-10-02T05:00:00Z' });
    await participation(e, 'r-4', { invitedAt: '2024-10-01T05:00:00Z' }); // sent nobody: no results due
    const res = await sweepOnce(db.pool, giftedEventEntered, { ruleId: 'results', params: { entry: 'results' }, term: THREE_WD, watermark: '2024-11-11T00:00:00Z', asOf: plus(due, 60) });
    expect(res).toMatchObject({ met: 1, met_late: 1, opened: 1 });
    expect(Object.fromEntries((await casesOf(db.pool, 'results')).map((c) => [Number(c.subject_id), [c.subject_kind, c.status]]))).toEqual({
      [late]: ['gifted_results', 'met_late'], [never]: ['gifted_results', 'open'],
    });
  });
});

describe('certificate_finance_step_done (event steps)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('navigator_finance_events');
    await insertOrg(db.pool, FIXTURE.school, 'ООО');
    await insertOrg(db.pool, 'mouo', 'МОУО');
  });
  afterAll(async () => db?.close());

  test('agreements are signed on the day of the enrollment by certificate (pfdo-agreement-same-day)', async () => {
    await runInstantVerdicts(db.pool, certificateFinanceEvents, {
      insert: (tag, o) => db.pool.oneFirst(sql.type(id)`
        INSERT INTO citizen_applications (organisation_id, kind, number, submitted_at, status, reviewed_at, enrolled_at, certificate, agreement_at)
        VALUES (${FIXTURE.school}, 'navigator_programme', ${tag}, '2024-08-28T05:00:00Z', 'accepted', '2024-08-29T05:00:00Z', ${o.eventAt}, true, ${o.doneAt}) RETURNING id`),
      complete: async (a, at) => { await db.pool.query(sql.unsafe`UPDATE citizen_applications SET agreement_at = ${at} WHERE id = ${a}`); },
    }, { ruleId: 'agreements', params: { step: 'agreements' }, term: SAME_DAY, eventDate: '2024-09-02', subjectKind: 'certificate_enrollment' });
  });

  test('invoices are accepted by the МОУО within 3 working days of the provider’s settlement request (pfdo-invoice-acceptance-3wd)', async () => {
    const requested = '2024-10-02T05:00:00Z';
    const due = dueOf('2024-10-02', THREE_WD);
    const period = async (org: string, periodId: string, acceptedAt: string | null) => {
      await insertOrg(db.pool, org, 'ОДО');
      return db.pool.oneFirst(sql.type(id)`
        INSERT INTO finance_periods (organisation_id, period_id, report_at, request_at, accepted_at) VALUES (${org}, ${periodId}, '2024-09-30T05:00:00Z', ${requested}, ${acceptedAt}) RETURNING id`);
    };
    await period('odo-1', '2024-09', '2024-10-03T05:00:00Z');
    await period('odo-2', '2024-09', plus(due, -1));
    const late = await period('odo-3', '2024-09', plus(due, 1));
    const never = await period('odo-4', '2024-09', null);
    const params = { step: 'invoices_accepted' };
    const window = (asOf: string): SweepWindow => ({
      ruleKey: { regulationId: 'test-people', ruleId: 'invoices' }, region: FIXTURE.region, organisationTypes: ['МОУО'],
      effectiveFrom: '2024-01-01', watermark: '2024-10-01T00:00:00Z', asOf, versionHash: 'test',
    });
    expect(await certificateFinanceEvents.candidateEventDates(db.pool, window(plus(due, 60)), '2024-09-01', params)).toEqual(['2024-10-02']);
    const dues: DueByDate[] = [{ eventDate: '2024-10-02', dueAt: due, lastDay: '2024-10-07' }];
    expect(await certificateFinanceEvents.evaluateNew(db.pool, window(plus(due, 60)), dues, params)).toMatchObject({ met: 2, met_late: 1, opened: 1 });
    const cases = await casesOf(db.pool, 'invoices');
    expect(Object.fromEntries(cases.map((c) => [Number(c.subject_id), [c.subject_kind, c.status]]))).toEqual({
      [late]: ['settlement_request', 'met_late'], [never]: ['settlement_request', 'open'],
    });
    const open = await certificateFinanceEvents.openCases(db.pool, { regulationId: 'test-people', ruleId: 'invoices' }, params, NOW);
    expect(open.map((c) => [c.organisation_id, c.subject_label, c.missing])).toEqual([
      ['mouo', 'Заявка на подтверждение расчётов за 2024-09: Организация odo-4 от 02.10.2024', ['не выполнено: счета за отчётный период акцептованы']],
    ]);
  });

  test('period steps yield no events', async () => {
    const res = await sweepOnce(db.pool, certificateFinanceEvents, { ruleId: 'hours', params: { step: 'actual_hours' }, term: THREE_WD, watermark: '2024-09-01T00:00:00Z', asOf: '2024-12-01T00:00:00Z' });
    expect(res).toMatchObject({ dates: [], met: 0, opened: 0 });
  });
});
