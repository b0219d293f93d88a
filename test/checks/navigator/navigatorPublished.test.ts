import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { navigatorPublished } from '../../../src/checks/event/navigator/navigatorPublished.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';
import { dueOf, FIVE_WD, insertOrg, insertProgramme, plus, runInstantVerdicts, SAME_DAY, TEN_WD_BEFORE } from './support.js';

const NOW = new Date().toISOString();
const id = z.object({ id: z.number() });

/** An organisation `org` with its navigator card created at `createdAt`; returns the card id. */
async function orgCard(db: TestDatabase, org: string, createdAt: string): Promise<number> {
  await insertOrg(db.pool, org, 'ООО');
  return db.pool.oneFirst(sql.type(id)`INSERT INTO navigator_cards (organisation_id, item, created_at) VALUES (${org}, 'organisation', ${createdAt}) RETURNING id`);
}

async function version(db: TestDatabase, card: number, v: number, changedAt: string, publishedAt: string | null): Promise<number> {
  return db.pool.oneFirst(sql.type(id)`
    INSERT INTO navigator_card_versions (card_id, version, changed_at, published_at) VALUES (${card}, ${v}, ${changedAt}, ${publishedAt}) RETURNING id`);
}

const publish = (db: TestDatabase) => async (versionId: number, at: string) => {
  await db.pool.query(sql.unsafe`UPDATE navigator_card_versions SET published_at = ${at} WHERE id = ${versionId}`);
};

describe('navigator_published, item: organisation', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await freshDatabase('navigator_published_org'); });
  afterAll(async () => db?.close());

  test('registration (navigator-org-publish-5wd): the card is first published within 5 working days of access', async () => {
    const firstVersion = new Map<number, number>();
    await runInstantVerdicts(db.pool, navigatorPublished, {
      insert: async (tag, o) => {
        const card = await orgCard(db, `reg-${tag}`, o.eventAt);
        firstVersion.set(card, await version(db, card, 1, o.eventAt, o.doneAt));
        return card;
      },
      complete: (card, at) => publish(db)(firstVersion.get(card)!, at),
    }, { ruleId: 'org-publish', params: { item: 'organisation' }, term: FIVE_WD, eventDate: '2024-09-02', subjectKind: 'navigator_registration' });
    const card = await orgCard(db, 'reg-open', '2024-10-01T05:00:00Z');
    await version(db, card, 1, '2024-10-01T05:00:00Z', null);
    await sweepOnce(db.pool, navigatorPublished, { ruleId: 'org-open', params: { item: 'organisation' }, term: FIVE_WD, watermark: '2024-10-01T00:00:00Z', asOf: '2024-10-20T00:00:00Z' });
    const open = await navigatorPublished.openCases(db.pool, { regulationId: 'test-people', ruleId: 'org-open' }, { item: 'organisation' }, NOW);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ subject_label: 'Карточка организации в Навигаторе (доступ к модулю получен 01.10.2024)', person_name: null,
      missing: ['не опубликованы сведения об организации (поставщике услуг)'] });
  });

  test('card change (navigator-org-update-same-day): each later version is published the same day, by itself or a later version', async () => {
    const ids = await runInstantVerdicts(db.pool, navigatorPublished, {
      insert: async (tag, o) => {
        const card = await orgCard(db, `chg-${tag}`, '2024-01-10T05:00:00Z');
        await version(db, card, 1, '2024-01-10T05:00:00Z', '2024-01-10T06:00:00Z');
        return version(db, card, 2, o.eventAt, o.doneAt);
      },
      complete: async (v, at) => {
        // Published through a third version: the change is published with it.
        const card = await db.pool.oneFirst(sql.type(z.object({ card_id: z.number() }))`SELECT card_id FROM navigator_card_versions WHERE id = ${v}`);
        await version(db, card, 3, plus(at, -60), at);
      },
    }, { ruleId: 'org-change', params: { item: 'organisation' }, term: SAME_DAY, eventDate: '2024-09-09', subjectKind: 'navigator_card_change' });
    // The same-day rule does not judge registrations, nor the 5-day rule changes.
    expect((await casesOf(db.pool, 'org-change')).every((c) => c.subject_kind === 'navigator_card_change')).toBe(true);
    expect(ids.never).toBeDefined();
  });

  test('a same-day rule judges only changes, a 5-working-day rule only registrations, on the same date', async () => {
    const card = await orgCard(db, 'both', '2024-11-11T05:00:00Z');
    await version(db, card, 1, '2024-11-11T05:00:00Z', null);
    const other = await orgCard(db, 'both-old', '2024-01-10T05:00:00Z');
    await version(db, other, 1, '2024-01-10T05:00:00Z', '2024-01-10T06:00:00Z');
    const change = await version(db, other, 2, '2024-11-11T05:00:00Z', null);
    const sweep = (ruleId: string, term: typeof SAME_DAY) => sweepOnce(db.pool, navigatorPublished, {
      ruleId, params: { item: 'organisation' }, term, watermark: '2024-11-11T00:00:00Z', asOf: plus(dueOf('2024-11-11', term), 60),
    });
    expect(await sweep('both-same-day', SAME_DAY)).toMatchObject({ opened: 1 });
    expect((await casesOf(db.pool, 'both-same-day')).map((c) => [c.subject_kind, Number(c.subject_id)])).toEqual([['navigator_card_change', change]]);
    expect(await sweep('both-5wd', FIVE_WD)).toMatchObject({ opened: 1 });
    expect((await casesOf(db.pool, 'both-5wd')).map((c) => [c.subject_kind, Number(c.subject_id)])).toEqual([['navigator_registration', card]]);
  });

  test('a same-day rule told its term by the sweep judges a change made on a New Year holiday as a change', async () => {
    // Changed on Thu 2 Jan 2025, a day off: "the same day" moves to the first working day, Thu 9 Jan,
    // seven days later — which, from the deadlines alone, would read as a term after a registration.
    const other = await orgCard(db, 'holiday', '2024-03-01T05:00:00Z');
    await version(db, other, 1, '2024-03-01T05:00:00Z', '2024-03-01T06:00:00Z');
    const change = await version(db, other, 2, '2025-01-02T05:00:00Z', null);
    const asOf = plus(dueOf('2025-01-02', SAME_DAY), 60);
    const r = await sweepOnce(db.pool, navigatorPublished, {
      ruleId: 'holiday-same-day', params: { item: 'organisation' }, term: SAME_DAY, watermark: '2025-01-02T00:00:00Z', asOf, termShape: 'same_day',
    });
    expect(r).toMatchObject({ opened: 1 });
    expect((await casesOf(db.pool, 'holiday-same-day')).map((c) => [c.subject_kind, Number(c.subject_id), c.due_at])).toEqual([
      ['navigator_card_change', change, '2025-01-09T19:00:00.000Z'],
    ]);
  });
});

describe('navigator_published, item: programme (chained after the organisation card)', () => {
  let db: TestDatabase;
  beforeAll(async () => { db = await freshDatabase('navigator_published_programme'); });
  afterAll(async () => db?.close());

  test('programmes are published within 5 working days of the organisation card’s first publication', async () => {
    const versions = new Map<number, number>();
    await runInstantVerdicts(db.pool, navigatorPublished, {
      insert: async (tag, o) => {
        // The organisation card goes live at the event; the programme card existed before.
        const org = await orgCard(db, `p-${tag}`, '2024-08-20T05:00:00Z');
        await version(db, org, 1, '2024-08-20T05:00:00Z', o.eventAt);
        const programme = await insertProgramme(db.pool, `p-${tag}`, `Программа ${tag}`);
        const card = await db.pool.oneFirst(sql.type(id)`
          INSERT INTO navigator_cards (organisation_id, item, programme_id, created_at) VALUES (${`p-${tag}`}, 'programme', ${programme}, '2024-08-21T05:00:00Z') RETURNING id`);
        versions.set(card, await version(db, card, 1, '2024-08-21T05:00:00Z', o.doneAt));
        return card;
      },
      complete: (card, at) => publish(db)(versions.get(card)!, at),
    }, { ruleId: 'programme-publish', params: { item: 'programme' }, term: FIVE_WD, eventDate: '2024-09-02', subjectKind: 'navigator_programme' });
  });

  test('a programme whose organisation card is not published yet has no deadline', async () => {
    const org = await orgCard(db, 'unpublished', '2024-08-20T05:00:00Z');
    await version(db, org, 1, '2024-08-20T05:00:00Z', '2024-11-01T05:00:00Z');
    const programme = await insertProgramme(db.pool, 'unpublished', 'Программа');
    await db.pool.query(sql.unsafe`INSERT INTO navigator_cards (organisation_id, item, programme_id, created_at) VALUES ('unpublished', 'programme', ${programme}, '2024-08-21T05:00:00Z')`);
    const res = await sweepOnce(db.pool, navigatorPublished, { ruleId: 'unpublished', params: { item: 'programme' }, term: FIVE_WD, watermark: '2024-10-01T00:00:00Z', asOf: '2024-10-30T00:00:00Z' });
    expect(res.dates).not.toContain('2024-11-01');
    expect(res).toMatchObject({ met: 0, opened: 0 });
  });
});

describe('navigator_published, item: event (news, counted back from the event)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('navigator_published_news');
    await insertOrg(db.pool, FIXTURE.school, 'ООО');
  });
  afterAll(async () => db?.close());

  const news = (title: string, eventDate: string, createdAt: string | null, announcedAt: string | null) => db.pool.oneFirst(sql.type(id)`
    INSERT INTO navigator_events (organisation_id, title, event_date, created_at, announced_at)
    VALUES (${FIXTURE.school}, ${title}, ${eventDate}, ${createdAt}, ${announcedAt}) RETURNING id`);

  test('the news is published 10 working days before the event: met, edge, late, missed, pending, entered late', async () => {
    const eventDate = '2024-09-20';
    const due = dueOf(eventDate, TEN_WD_BEFORE); // end of Friday 6 September, local time
    expect(due).toBe('2024-09-06T19:00:00.000Z');
    const created = '2024-08-01T05:00:00Z';
    const onTime = await news('Вовремя', eventDate, created, '2024-09-02T05:00:00Z');
    const edge = await news('Впритык', eventDate, created, plus(due, -1));
    const late = await news('Поздно', eventDate, created, plus(due, 1));
    const never = await news('Никогда', eventDate, created, null);
    const base = { ruleId: 'news', params: { item: 'event' }, term: TEN_WD_BEFORE, watermark: '2024-09-01T00:00:00Z' };
    const pending = await sweepOnce(db.pool, navigatorPublished, { ...base, asOf: plus(due, -1) });
    expect(pending.dates).toContain(eventDate);
    expect(pending).toMatchObject({ met: 0, met_late: 0, opened: 0 });
    const asOf = plus(due, 24 * 60);
    expect(await sweepOnce(db.pool, navigatorPublished, { ...base, asOf })).toMatchObject({ met: 2, met_late: 1, opened: 1 });
    // An event recorded after its deadline is judged by the next sweep (the watermark moved on).
    const planned = await news('Поздно запланировано', eventDate, plus(asOf, 60), null);
    const next = await sweepOnce(db.pool, navigatorPublished, { ...base, watermark: asOf, asOf: plus(asOf, 2 * 60) });
    expect(next).toMatchObject({ met: 0, met_late: 0, opened: 1 });
    const cases = Object.fromEntries((await casesOf(db.pool, 'news')).map((c) => [Number(c.subject_id), c.status]));
    expect(cases).toEqual({ [late]: 'met_late', [never]: 'open', [planned]: 'open' });
    expect(onTime + edge).toBeGreaterThan(0);
    const open = await navigatorPublished.openCases(db.pool, { regulationId: 'test-people', ruleId: 'news' }, { item: 'event' }, NOW);
    expect(open.map((c) => c.subject_label)).toEqual(['Новость о мероприятии «Никогда» (мероприятие 20.09.2024)', 'Новость о мероприятии «Поздно запланировано» (мероприятие 20.09.2024)']);
  });

  test('unknown items yield nothing, and do not fail', async () => {
    const res = await sweepOnce(db.pool, navigatorPublished, { ruleId: 'bad', params: { item: 'nonsense' }, term: FIVE_WD, watermark: '2024-09-01T00:00:00Z', asOf: '2024-12-01T00:00:00Z' });
    expect(res).toMatchObject({ dates: [], met: 0, opened: 0 });
  });
});
