import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import {
  compact, insertMunicipality, insertOrganisation, insertPerson, noticesOf, regulationWithRules, startScenario,
  type Expected, type Scenario,
} from './support.js';

// ЯНАО, приказ № 216, over the whole academic year 2024/2025 on the time-skipping server: the
// three-day student cards (п. 1.4.3), ESIA login of new staff within 10 days (раздел 6) and the
// two-tier cyclogram (приложение 2, строка 2). Every expected day below is worked out from the
// regulation text and the production calendar (calendars/ru-federal.yaml), not read off a run:
// - a deadline ends at 24:00 of its last day; event deadlines are found by the sweep at 00:00 of
//   the next day, period deadlines by the occurrence at that instant; either way the notice goes out
//   in the digest at 09:00 local of the next day;
// - reminders and escalation steps of period rules, and escalation steps of event rules, fall at
//   the start (reminders) or the end (escalations) of a working day counted from the last day;
//   reminders go out in the digest of their own day, escalations in that of the day after;
// - ladder `organisation`: head at the deadline → МО 2 working days later → РО 5 working days
//   after the deadline, then РО every 5 working days (at most 10 repeats); ladder `municipal`: МО →
//   РО after 2 working days → department supervisor after 5 working days.
// 2024 calendar facts used: 4 November (Monday) a holiday; Saturday 28 December a working day;
// 30–31 December 2024 and 1–8 January 2025 days off.

const REGION = 'yanao';
const PUR = 'm-pur';
const NAD = 'm-nad';
const SCHOOL_PUR = 'sch-pur-1';
const SCHOOL_NAD = 'sch-nad-2';
const MOUO_PUR = 'mouo-pur';
const MOUO_NAD = 'mouo-nad';
const RO_ORG = 'ro-yanao';
const HEAD_PUR = 'head@pur1.test';
const HEAD_NAD = 'head@nad2.test';
const MO_PUR = 'mo@pur.test';
const MO_NAD = 'mo@nad.test';
const RO = 'ro@yanao.test';
const SUPERVISOR = 'supervisor@yanao.test';

/** A local (UTC+5) wall-clock time as an instant. */
const local = (dateTime: string) => `${dateTime}+05:00`;

const STUDENT_FIELDS = ['last_name', 'first_name', 'sex', 'citizenship', 'home_phone', 'personal_file_no', 'health_group'] as const;

/** A student enrolled by order `number` of `orderDate` (entered that day at 10:00 local), every card field filled, first filled at `filledAt` (per field where given). */
async function enroll(pool: DatabasePool, o: { number: string; orderDate: string; lastName: string; filledAt: string; lateField?: { field: (typeof STUDENT_FIELDS)[number]; at: string } }): Promise<string> {
  const stamps = Object.fromEntries(STUDENT_FIELDS.map((f) => [f, o.lateField?.field === f ? o.lateField.at : o.filledAt]));
  const student = await pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO students (organisation_id, last_name, first_name, sex, citizenship, home_phone, personal_file_no, health_group, field_filled_at, created_at, updated_at)
    VALUES (${SCHOOL_PUR}, ${o.lastName}, 'Иван', 'М', 'РФ', '+7 000 000-00-00', ${`ЛД-${o.number}`}, 'II', ${sql.jsonb(stamps)},
            ${local(`${o.orderDate}T10:00:00`)}, ${local(`${o.orderDate}T10:00:00`)})
    RETURNING id`);
  return String(await pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at)
    VALUES (${SCHOOL_PUR}, ${student}, 'enrollment', ${o.number}, ${o.orderDate}, ${local(`${o.orderDate}T10:00:00`)})
    RETURNING id`));
}

/** A member of staff of the Nadym school hired on `hireDate` (entered that day at 10:00 local), linked to ESIA at `esiaAt` (null: never). */
async function hire(pool: DatabasePool, o: { lastName: string; order: string; hireDate: string; esiaAt: string | null }): Promise<string> {
  return String(await pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO staff (organisation_id, last_name, first_name, hire_date, hire_order_no, hire_entered_at, esia_linked_at, created_at, updated_at)
    VALUES (${SCHOOL_NAD}, ${o.lastName}, 'Мария', ${o.hireDate}, ${o.order}, ${local(`${o.hireDate}T10:00:00`)}, ${o.esiaAt},
            ${local(`${o.hireDate}T10:00:00`)}, ${local(`${o.hireDate}T10:00:00`)})
    RETURNING id`));
}

/** A cyclogram monitoring filed by a municipality's МО (or by the РО when `municipality` is null). */
async function submit(pool: DatabasePool, municipality: string | null, period: string, at: string): Promise<void> {
  await pool.query(sql.unsafe`
    INSERT INTO monitoring_submissions (municipality_id, region, tier, monitoring, period_id, submitted_at)
    VALUES (${municipality}, ${REGION}, ${municipality ? 'municipal' : 'regional'}, 'journal_filling', ${period}, ${at})`);
}

describe('ЯНАО № 216 over the academic year 2024/2025', () => {
  let s: Scenario;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    s = await startScenario('yanao_year');
    const pool = s.pool;
    await insertMunicipality(pool, REGION, PUR, 'Пуровский район');
    await insertMunicipality(pool, REGION, NAD, 'Надымский район');
    await insertMunicipality(pool, REGION, 'm-sal', 'г. Салехард');
    await insertOrganisation(pool, { id: SCHOOL_PUR, region: REGION, municipality: PUR, type: 'ООО', name: 'МБОУ «СОШ № 1 п. Пурпе»' });
    await insertOrganisation(pool, { id: SCHOOL_NAD, region: REGION, municipality: NAD, type: 'ООО', name: 'МОУ «СОШ № 2 г. Надыма»' });
    await insertOrganisation(pool, { id: MOUO_PUR, region: REGION, municipality: PUR, type: 'МОУО', name: 'Департамент образования Пуровского района' });
    await insertOrganisation(pool, { id: MOUO_NAD, region: REGION, municipality: NAD, type: 'МОУО', name: 'Управление образования Надымского района' });
    await insertOrganisation(pool, { id: RO_ORG, region: REGION, municipality: 'm-sal', type: 'РО', name: 'Региональный оператор АИС «СГ.О»' });
    await insertPerson(pool, { role: 'organisation_head', email: HEAD_PUR, name: 'Пурпеева Ольга Ивановна', organisation: SCHOOL_PUR });
    await insertPerson(pool, { role: 'organisation_head', email: HEAD_NAD, name: 'Надымов Игорь Петрович', organisation: SCHOOL_NAD });
    await insertPerson(pool, { role: 'municipal_operator', email: MO_PUR, name: 'Оператор Пуровского района', municipality: PUR });
    await insertPerson(pool, { role: 'municipal_operator', email: MO_NAD, name: 'Оператор Надымского района', municipality: NAD });
    await insertPerson(pool, { role: 'regional_operator', email: RO, name: 'Региональный оператор', region: REGION });
    await insertPerson(pool, { role: 'department_supervisor', email: SUPERVISOR, name: 'Первый заместитель директора департамента', region: REGION });

    // Case: three-day cards. Both orders of Friday 6 September 2024.
    ids.lateCard = await enroll(pool, {
      number: '12-з', orderDate: '2024-09-06', lastName: 'Опоздалов', filledAt: local('2024-09-06T12:00:00'),
      // Health group entered on Monday 23 September: after the РО escalation, before its first repeat.
      lateField: { field: 'health_group', at: local('2024-09-23T10:00:00') },
    });
    ids.onTimeCard = await enroll(pool, { number: '13-з', orderDate: '2024-09-06', lastName: 'Своевременная', filledAt: local('2024-09-10T15:00:00') });

    // Case: ESIA within 10 days. All three hired on Thursday 24 October 2024.
    ids.neverLinked = await hire(pool, { lastName: 'Забывчивая', order: '45-к', hireDate: '2024-10-24', esiaAt: null });
    ids.linkedLate = await hire(pool, { lastName: 'Медленная', order: '46-к', hireDate: '2024-10-24', esiaAt: local('2024-11-10T12:00:00') });
    ids.linkedOnTime = await hire(pool, { lastName: 'Быстрова', order: '47-к', hireDate: '2024-10-24', esiaAt: local('2024-10-28T12:00:00') });

    // Case: the cyclogram. Every other quarter in play was monitored by both tiers before its first
    // reminder, so those occurrences send nothing; the third quarter of 2024 is the one under test.
    for (const [period, at] of [['2024-Q2', '2024-06-03'], ['2024-Q4', '2024-12-02'], ['2025-Q1', '2025-03-03'], ['2025-Q2', '2025-06-02']] as const) {
      for (const m of [PUR, NAD, null]) await submit(pool, m, period, local(`${at}T10:00:00`));
    }
    await submit(pool, PUR, '2024-Q3', local('2024-10-08T12:00:00')); // after the first reminder, before the deadline
    await submit(pool, NAD, '2024-Q3', local('2024-10-16T12:00:00')); // late: after the РО was told, before the supervisor would be
    await submit(pool, null, '2024-Q3', local('2024-10-24T12:00:00')); // late: the РО itself, the day after the supervisor was told

    const run = await s.simulate([regulationWithRules('yanao-2018-216', ['student-card-3wd', 'staff-esia-10d', 'cyc-journals'])], '2024-09-01', '2025-08-31');
    expect(run).toMatchObject({ drivers: 1, sweeps: 2, digests: 1, skipped: [] });
  });

  afterAll(async () => {
    await s?.stop();
  });

  test('three-day cards: the head on the day after the third working day, then МО and РО by the ladder, until the card is complete', async () => {
    // Order of Fri 6 Sep 2024; 3 working days: Mon 9, Tue 10, Wed 11 Sep → last day Wed 11 Sep. The
    // card misses the health group: the sweep at 00:00 Thu 12 Sep opens the case, the head hears at
    // 09:00 Thu 12 Sep. МО: 2 working days after Wed 11 (Thu 12, Fri 13) → end of Fri 13 → digest
    // Sat 14 Sep. РО: 5 working days (12, 13, 16, 17, 18) → end of Wed 18 → digest Thu 19 Sep. The
    // health group is entered Mon 23 Sep, so the sweep of Tue 24 Sep closes the case as met late and
    // the first repeat (5 working days after Wed 18: end of Wed 25 Sep) never goes out. The card
    // completed on Tue 10 Sep gives no notice.
    const notices = await noticesOf(s.pool, ['student-card-3wd']);
    expect(notices.every((n) => n.subject === ids.lateCard && n.period === '' && n.tier === 0 && n.time === '09:00' && n.status === 'sent')).toBe(true);
    const expected: Expected[] = [
      ['2024-09-12', HEAD_PUR, 'escalation', 0, 0],
      ['2024-09-14', MO_PUR, 'escalation', 1, 0],
      ['2024-09-19', RO, 'escalation', 2, 0],
    ];
    expect(compact(notices)).toEqual(expected);
    const status = await s.pool.any(sql.type(z.object({ subject_id: z.string(), status: z.string(), last_day: z.string(), closed_at: z.string().nullable() }))`
      SELECT subject_id, status, to_char(last_day, 'YYYY-MM-DD') AS last_day, closed_at::text FROM obligation_cases WHERE rule_id = 'student-card-3wd'`);
    expect(status).toEqual([{ subject_id: ids.lateCard, status: 'met_late', last_day: '2024-09-11', closed_at: '2024-09-23 05:00:00+00' }]);
  });

  test('the captured e-mails: the head sees the student, the МО and the РО only counts', async () => {
    const mails = listCapturedMail(s.mailDir).filter((m) => m.headers['x-reglament-digest'] !== undefined && m.text.includes('Карточки обучающегося'));
    const byDay = mails.map((m) => [m.headers['x-reglament-digest'], m.to.join(','), m.subject]);
    expect(byDay).toEqual([
      ['12.09.2024', HEAD_PUR, 'Срок истёк (1): Карточки обучающегося и родителей — в течение трёх рабочих дней после приказа о зачислении — МБОУ «СОШ № 1 п. Пурпе»'],
      ['14.09.2024', MO_PUR, 'Эскалация (1 в 1 организациях): Карточки обучающегося и родителей — в течение трёх рабочих дней после приказа о зачислении'],
      ['19.09.2024', RO, 'Эскалация (1 в 1 организациях): Карточки обучающегося и родителей — в течение трёх рабочих дней после приказа о зачислении'],
    ]);
    expect(mails[0]!.text).toContain('Приказ о зачислении № 12-з от 06.09.2024 — Опоздалов Иван');
    expect(mails[0]!.text).toContain('11.09.2024 24:00 (Asia/Yekaterinburg, UTC+5)');
    expect(mails[0]!.text).toContain('Не хватает: группа здоровья');
    // Personal data stays with the school's own head.
    for (const m of mails.slice(1)) {
      expect(m.text).toContain('МБОУ «СОШ № 1 п. Пурпе»: 1');
      expect(m.text).not.toContain('Опоздалов');
    }
  });

  test('ESIA within 10 days: the term ending on a Sunday before the 4 November holiday moves to Tue 5 Nov; the РО repeats run into 2025', async () => {
    // Hired Thu 24 Oct 2024; 10 calendar days → Sun 3 Nov, a day off; Mon 4 Nov is a holiday → last
    // day Tue 5 Nov (art. 193 of the Civil Code). Head: digest Wed 6 Nov. МО: 2 working days (Wed 6,
    // Thu 7) → end of Thu 7 → digest Fri 8 Nov. РО: 5 working days (6, 7, 8, 11, 12) → end of Tue 12
    // → digest Wed 13 Nov. Repeats every 5 working days after the previous one: Tue 19 Nov, Tue 26
    // Nov, Tue 3 Dec, Tue 10 Dec, Tue 17 Dec, Tue 24 Dec (digests the next Wednesdays); then 25, 26,
    // 27, Sat 28 Dec (a working Saturday) and Thu 9 Jan 2025 (30 Dec – 8 Jan off) → digest Fri 10
    // Jan; then Thu 16, Thu 23, Thu 30 Jan → digests on Fridays. Ten repeats in all, the cap.
    const never = (await noticesOf(s.pool, ['staff-esia-10d'])).filter((n) => n.subject === ids.neverLinked);
    const expected: Expected[] = [
      ['2024-11-06', HEAD_NAD, 'escalation', 0, 0],
      ['2024-11-08', MO_NAD, 'escalation', 1, 0],
      ['2024-11-13', RO, 'escalation', 2, 0],
      ['2024-11-20', RO, 'escalation', 2, 1],
      ['2024-11-27', RO, 'escalation', 2, 2],
      ['2024-12-04', RO, 'escalation', 2, 3],
      ['2024-12-11', RO, 'escalation', 2, 4],
      ['2024-12-18', RO, 'escalation', 2, 5],
      ['2024-12-25', RO, 'escalation', 2, 6],
      ['2025-01-10', RO, 'escalation', 2, 7],
      ['2025-01-17', RO, 'escalation', 2, 8],
      ['2025-01-24', RO, 'escalation', 2, 9],
      ['2025-01-31', RO, 'escalation', 2, 10],
    ];
    expect(compact(never)).toEqual(expected);
  });

  test('ESIA within 10 days: linked after the МО was told → no РО escalation; linked in time → nothing', async () => {
    // Linked Sun 10 Nov: after the МО digest of Fri 8 Nov, before the РО step (end of Tue 12 Nov);
    // the sweep of Mon 11 Nov closes the case as met late.
    const notices = await noticesOf(s.pool, ['staff-esia-10d']);
    const expected: Expected[] = [
      ['2024-11-06', HEAD_NAD, 'escalation', 0, 0],
      ['2024-11-08', MO_NAD, 'escalation', 1, 0],
    ];
    expect(compact(notices.filter((n) => n.subject === ids.linkedLate))).toEqual(expected);
    expect(notices.filter((n) => n.subject === ids.linkedOnTime)).toEqual([]);
    expect(new Set(notices.map((n) => n.subject))).toEqual(new Set([ids.neverLinked, ids.linkedLate]));
  });

  test('the two-tier cyclogram: each МО on its deadline of the 10th, the РО on its own of the 15th', async () => {
    // Journals, 3rd quarter 2024. МО tier: Thu 10 Oct; reminders 3 and 1 working days before: Mon 7
    // and Wed 9 Oct (00:00, digests 09:00 the same day). Пуровский МО files on Tue 8 Oct: only the
    // first reminder. Надымский МО files late on Wed 16 Oct: both reminders; the deadline notice
    // (24:00 Thu 10 Oct) in the digest of Fri 11 Oct; step 1, the РО, 2 working days later (Fri 11,
    // Mon 14) → end of Mon 14 → digest Tue 15 Oct; step 2 (end of Thu 17 Oct) finds it filed.
    // РО tier: Tue 15 Oct; reminders Thu 10 Oct (3 working days: 14, 11, 10) and Mon 14 Oct. The
    // tier climbs the `municipal` ladder from the РО's own step (1): its deadline notice in the
    // digest of Wed 16 Oct, no escalation of the РО to itself on Thu 17, then step 2, the supervisor,
    // 5 working days after Tue 15 (16, 17, 18, 21, 22) → end of Tue 22 → digest Wed 23 Oct. The РО
    // files on Thu 24 Oct, before the first repeat (end of Tue 29). Other quarters: nothing.
    const notices = await noticesOf(s.pool, ['cyc-journals']);
    expect(notices.every((n) => n.period === '2024-Q3' && n.time === '09:00' && n.status === 'sent')).toBe(true);
    expect(notices.map((n) => [n.day, n.tier, n.org, n.to, n.notice, n.step, n.repeat])).toEqual([
      ['2024-10-07', 0, MOUO_NAD, MO_NAD, 'reminder', 0, 0],
      ['2024-10-07', 0, MOUO_PUR, MO_PUR, 'reminder', 0, 0],
      ['2024-10-09', 0, MOUO_NAD, MO_NAD, 'reminder', 1, 0],
      ['2024-10-10', 1, RO_ORG, RO, 'reminder', 0, 0],
      ['2024-10-11', 0, MOUO_NAD, MO_NAD, 'escalation', 0, 0],
      ['2024-10-14', 1, RO_ORG, RO, 'reminder', 1, 0],
      ['2024-10-15', 0, MOUO_NAD, RO, 'escalation', 1, 0],
      ['2024-10-16', 1, RO_ORG, RO, 'escalation', 1, 0],
      ['2024-10-23', 1, RO_ORG, SUPERVISOR, 'escalation', 2, 0],
    ]);
    const cases = await s.pool.any(sql.type(z.object({ org: z.string(), tier: z.number(), status: z.string(), last_day: z.string() }))`
      SELECT organisation_id AS org, tier, status, to_char(last_day, 'YYYY-MM-DD') AS last_day FROM obligation_cases
      WHERE rule_id = 'cyc-journals' AND period_id = '2024-Q3' ORDER BY tier, organisation_id`);
    expect(cases).toEqual([
      { org: MOUO_NAD, tier: 0, status: 'met_late', last_day: '2024-10-10' },
      { org: MOUO_PUR, tier: 0, status: 'met', last_day: '2024-10-10' },
      { org: RO_ORG, tier: 1, status: 'met_late', last_day: '2024-10-15' },
    ]);
  });
});
