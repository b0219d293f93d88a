import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { navigatorApplicationProcessed } from '../../../src/checks/event/navigator/navigatorApplicationProcessed.js';
import { navigatorRequestProcessed } from '../../../src/checks/event/navigator/navigatorRequestProcessed.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';
import { dueOf, FIVE_WD, insertOrg, ONE_WD_BEFORE, plus, runInstantVerdicts, THREE_WD } from './support.js';

const NOW = new Date().toISOString();
const id = z.object({ id: z.number() });

describe('navigator_request_processed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('navigator_requests');
    await insertOrg(db.pool, FIXTURE.school, 'ООО');
  });
  afterAll(async () => db?.close());

  const request = (kind: string, number: string, receivedAt: string, decidedAt: string | null) => db.pool.oneFirst(sql.type(id)`
    INSERT INTO navigator_requests (kind, handler_id, number, received_at, decision, decided_at)
    VALUES (${kind}, ${FIXTURE.school}, ${number}, ${receivedAt}, ${decidedAt ? 'published' : null}, ${decidedAt}) RETURNING id`);

  test('a publication request is decided within 3 working days of receipt (navigator-moderation-3wd)', async () => {
    await runInstantVerdicts(db.pool, navigatorRequestProcessed, {
      insert: (tag, o) => request('publication', `П-${tag}`, o.eventAt, o.doneAt),
      complete: async (r, at) => { await db.pool.query(sql.unsafe`UPDATE navigator_requests SET decision = 'rejected', decided_at = ${at} WHERE id = ${r}`); },
    }, { ruleId: 'moderation', params: { request: 'publication' }, term: THREE_WD, eventDate: '2024-09-02', subjectKind: 'navigator_request' });
  });

  test('other kinds of requests are not judged by the rule; open cases name the request', async () => {
    await request('provider_registration', 'Р-1', '2024-10-01T05:00:00Z', null);
    await request('publication', 'П-open', '2024-10-01T05:00:00Z', null);
    const res = await sweepOnce(db.pool, navigatorRequestProcessed, { ruleId: 'registration', params: { request: 'provider_registration' }, term: FIVE_WD, watermark: '2024-10-01T00:00:00Z', asOf: '2024-10-20T00:00:00Z' });
    expect(res).toMatchObject({ met: 0, opened: 1 });
    const open = await navigatorRequestProcessed.openCases(db.pool, { regulationId: 'test-people', ruleId: 'registration' }, { request: 'provider_registration' }, NOW);
    expect(open.map((c) => [c.subject_label, c.missing])).toEqual([
      ['Заявка в Навигаторе № Р-1 от 01.10.2024', ['не рассмотрена заявка на регистрацию исполнителя услуг']],
    ]);
  });
});

describe('navigator_application_processed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('navigator_applications');
    await insertOrg(db.pool, FIXTURE.school, 'ООО');
  });
  afterAll(async () => db?.close());

  const application = (opts: { kind?: string; number: string; submittedAt: string; status?: string; reviewedAt?: string | null; enrolledAt?: string | null; certificate?: boolean; eventId?: number }) =>
    db.pool.oneFirst(sql.type(id)`
      INSERT INTO citizen_applications (organisation_id, kind, number, submitted_at, status, reviewed_at, enrolled_at, certificate, navigator_event_id)
      VALUES (${FIXTURE.school}, ${opts.kind ?? 'navigator_programme'}, ${opts.number}, ${opts.submittedAt}, ${opts.status ?? 'new'},
              ${opts.reviewedAt ?? null}, ${opts.enrolledAt ?? null}, ${opts.certificate ?? false}, ${opts.eventId ?? null}) RETURNING id`);

  test('decision on a programme application within 5 working days (navigator-application-decision)', async () => {
    await runInstantVerdicts(db.pool, navigatorApplicationProcessed, {
      insert: (tag, o) => application({ number: `Д-${tag}`, submittedAt: o.eventAt, status: o.doneAt ? 'accepted' : 'new', reviewedAt: o.doneAt }),
      complete: async (a, at) => { await db.pool.query(sql.unsafe`UPDATE citizen_applications SET status = 'refused', reviewed_at = ${at} WHERE id = ${a}`); },
    }, { ruleId: 'decision', params: { application: 'programme', step: 'decision' }, term: FIVE_WD, eventDate: '2024-09-02', subjectKind: 'navigator_application' });
  });

  test('enrollment order by certificate within 5 working days (pfdo-enrollment-5wd); a refusal settles it; others are not judged', async () => {
    await runInstantVerdicts(db.pool, navigatorApplicationProcessed, {
      insert: (tag, o) => application({ number: `З-${tag}`, submittedAt: o.eventAt, status: 'accepted', reviewedAt: o.eventAt, enrolledAt: o.doneAt, certificate: true }),
      complete: async (a, at) => { await db.pool.query(sql.unsafe`UPDATE citizen_applications SET status = 'refused', reviewed_at = ${at} WHERE id = ${a}`); },
    }, { ruleId: 'enrollment', params: { application: 'programme', step: 'enrollment_order', certificate: true }, term: FIVE_WD, eventDate: '2024-10-07', subjectKind: 'navigator_application' });
    // Without a certificate the same unprocessed application is no case of this rule.
    await application({ number: 'без сертификата', submittedAt: '2024-11-11T05:00:00Z' });
    await application({ number: 'З-open', submittedAt: '2024-11-11T05:00:00Z', status: 'accepted', reviewedAt: '2024-11-11T06:00:00Z', certificate: true });
    const res = await sweepOnce(db.pool, navigatorApplicationProcessed, {
      ruleId: 'enrollment-2', params: { application: 'programme', step: 'enrollment_order', certificate: true }, term: FIVE_WD, watermark: '2024-11-11T00:00:00Z', asOf: '2024-12-01T00:00:00Z',
    });
    expect(res).toMatchObject({ met: 0, opened: 1 });
    const open = await navigatorApplicationProcessed.openCases(db.pool, { regulationId: 'test-people', ruleId: 'enrollment-2' }, { application: 'programme', step: 'enrollment_order', certificate: true }, NOW);
    expect(open.map((c) => [c.subject_label, c.person_name, c.missing])).toEqual([['Заявка на обучение из Навигатора № З-open от 11.11.2024', null, ['не сформирован приказ о зачислении в «Сетевом Городе. Образование»']]]);
  });

  test('event applications are decided 1 working day before the event; those filed after that deadline are not judged', async () => {
    const eventId = await db.pool.oneFirst(sql.type(id)`
      INSERT INTO navigator_events (organisation_id, title, event_date, created_at) VALUES (${FIXTURE.school}, 'Турнир', '2024-12-09', '2024-11-01T05:00:00Z') RETURNING id`);
    const due = dueOf('2024-12-09', ONE_WD_BEFORE); // Monday's event: end of Friday 6 December
    expect(due).toBe('2024-12-06T19:00:00.000Z');
    const filed = '2024-12-02T05:00:00Z';
    const app = (number: string, submittedAt: string, reviewedAt: string | null) =>
      application({ kind: 'navigator_event', number, submittedAt, status: reviewedAt ? 'refused' : 'new', reviewedAt, eventId });
    await app('1', filed, '2024-12-03T05:00:00Z');
    await app('2', filed, plus(due, -1));
    const late = await app('3', filed, plus(due, 1));
    const never = await app('4', filed, null);
    await app('5', '2024-12-07T05:00:00Z', null); // Saturday, after the deadline
    const base = { ruleId: 'event-applications', params: { application: 'event', step: 'decision' }, term: ONE_WD_BEFORE, watermark: '2024-12-01T00:00:00Z' };
    expect(await sweepOnce(db.pool, navigatorApplicationProcessed, { ...base, asOf: plus(due, -1) })).toMatchObject({ met: 0, met_late: 0, opened: 0 });
    expect(await sweepOnce(db.pool, navigatorApplicationProcessed, { ...base, asOf: '2024-12-10T00:00:00Z' })).toMatchObject({ met: 2, met_late: 1, opened: 1 });
    expect(Object.fromEntries((await casesOf(db.pool, 'event-applications')).map((c) => [Number(c.subject_id), c.status]))).toEqual({ [late]: 'met_late', [never]: 'open' });
  });
});
