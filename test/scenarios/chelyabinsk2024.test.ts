import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { listCapturedMail } from '../../src/infra/mailStore.js';
import {
  compact, insertMunicipality, insertOrganisation, insertPerson, noticesOf, regulationWithRules, startScenario,
  type Scenario, type SentNotice,
} from './support.js';

// Челябинская область, План функционирования ГИС «Образование» на 2024 год (приказ № 047371), over
// the calendar year 2024 its dates fall in, on the time-skipping server: the academic-year rollover
// window (п. 1.1), the СПО campaign with its extension while places are free (п. 2.4.4), the ДОЛ
// preparation chain (пп. 2.3.2–2.3.4) and the certificate finance chain (пп. 3.5.4–3.5.13). Every
// expected day is worked out from the Plan and the production calendar, not read off a run:
// - a deadline ends at 24:00 of its last day: the notice goes out in the digest at 09:00 local of
//   the next day (period rules: the occurrence at that instant; event rules: the sweep at 00:00);
// - a reminder «N рабочих дней» falls at 00:00 of the N-th working day before the last day and goes
//   out in that day's 09:00 digest; an escalation step «N рабочих дней» ends at 24:00 of the N-th
//   working day after the last day and goes out in the next day's digest;
// - ladders: `organisation` head → МОУО (2 wd) → operator (5 wd); `poo` head → operator (2 wd) →
//   vocational department (5 wd); `municipal` МОУО → operator (2 wd) → ministry (5 wd); `provider`
//   provider → МОЦ (2 wd) → РМЦ (5 wd); `rmc` РМЦ → operator (2 wd) → ministry; `finance` financial
//   executive → МОУО (1 wd) → operator (3 wd);
// - 2024 calendar facts used: 23 February (Friday) and 8 March (Friday) holidays; 29 April – 1 May
//   and 9–10 May days off, Saturday 27 April a working day.
// One municipality (Магнитогорск) holds every organisation, so each municipal role has one holder.

const REGION = 'chelyabinsk';
const MAG = 'm-mag';
const ORG = {
  school: 'sch-mag-15', kindergarten: 'doo-mag-7', collegeFree: 'poo-poly', collegeFull: 'poo-build', camp: 'dol-sosny',
  provider: 'odo-dtdm', mouo: 'mouo-mag', operator: 'oper-chiro',
} as const;
const HEAD = {
  school: 'head@sch15.test', kindergarten: 'head@doo7.test', collegeFree: 'head@poly.test', collegeFull: 'head@build.test', camp: 'head@sosny.test',
} as const;
const PROVIDER = 'provider@dtdm.test';
const MO = 'mouo@mag.test';
const MOC = 'moc@mag.test';
const FIN = 'finance@mag.test';
const RO = 'ro@chiro.test';
const RMC = 'rmc@ocdod.test';
const VOCATIONAL = 'upo@minobr74.test';
const MINISTRY = 'minobr@minobr74.test';

/** A local (UTC+5) wall-clock time as an instant. */
const local = (dateTime: string) => `${dateTime}+05:00`;

const id = z.object({ id: z.number() });

/** An admission campaign of the region: a municipality's (`organisation` null) or an organisation's own. */
async function campaign(pool: DatabasePool, o: { kind: string; municipality?: string; organisation?: string; configuredAt: string; opensOn: string }): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO admission_campaigns (region, municipality_id, organisation_id, kind, year, configured_at, opens_on)
    VALUES (${REGION}, ${o.municipality ?? null}, ${o.organisation ?? null}, ${o.kind}, 2024, ${o.configuredAt}, ${o.opensOn})
    RETURNING id`);
}

/** An admission unit (a specialty, a shift) with its places, created at `createdAt`; the trigger records the counts then. */
async function unit(pool: DatabasePool, campaignId: number, organisation: string, o: { name: string; createdAt: string; total: number; taken: number; requirementsMetAt?: Record<string, string> }): Promise<void> {
  await pool.query(sql.unsafe`
    INSERT INTO campaign_places (campaign_id, organisation_id, unit, places_total, places_taken, requirements_met_at, created_at, updated_at)
    VALUES (${campaignId}, ${organisation}, ${o.name}, ${o.total}, ${o.taken}, ${sql.jsonb(o.requirementsMetAt ?? {})}, ${o.createdAt}, ${o.createdAt})`);
}

/** A citizen's application submitted at `submittedAt`, decided (`зачислено`) at `decidedAt` or still registered. */
async function application(pool: DatabasePool, o: { organisation: string; kind: string; number: string; submittedAt: string; decidedAt: string | null }): Promise<void> {
  await pool.query(sql.unsafe`
    INSERT INTO citizen_applications (organisation_id, kind, number, submitted_at, entered_at, status, status_changed_at)
    VALUES (${o.organisation}, ${o.kind}, ${o.number}, ${o.submittedAt}, ${o.submittedAt}, ${o.decidedAt ? 'зачислено' : 'зарегистрировано'}, ${o.decidedAt})`);
}

/** The notices of one rule in the compact form, with the case's organisation and period in front. */
const listed = (notices: SentNotice[]) => notices.map((n) => [n.org, n.period, ...compact([n])[0]!]);

describe('Челябинская область, План ГИС «Образование» на 2024 год, over 2024', () => {
  let s: Scenario;

  beforeAll(async () => {
    s = await startScenario('chelyabinsk_2024');
    const pool = s.pool;
    await insertMunicipality(pool, REGION, MAG, 'Магнитогорский городской округ');
    await insertMunicipality(pool, REGION, 'm-chel', 'Челябинский городской округ');
    const orgs: [string, string, string][] = [
      [ORG.school, 'ООО', 'МАОУ «СОШ № 15» г. Магнитогорска'],
      [ORG.kindergarten, 'ДОО', 'МДОУ «Детский сад № 7» г. Магнитогорска'],
      [ORG.collegeFree, 'ПОО', 'ГБПОУ «Магнитогорский политехнический колледж»'],
      [ORG.collegeFull, 'ПОО', 'ГБПОУ «Магнитогорский строительно-монтажный техникум»'],
      [ORG.camp, 'ДОЛ', 'МАУ ДОЛ «Сосновая горка»'],
      [ORG.provider, 'ОДО', 'МАУДО «Дворец творчества детей и молодёжи»'],
      [ORG.mouo, 'МОУО', 'Управление образования администрации г. Магнитогорска'],
    ];
    for (const [org, type, name] of orgs) await insertOrganisation(pool, { id: org, region: REGION, municipality: MAG, type, name });
    await insertOrganisation(pool, { id: ORG.operator, region: REGION, municipality: 'm-chel', type: 'ОПЕРАТОР', name: 'ГБУ ДПО «ЧИРО»' });
    for (const key of ['school', 'kindergarten', 'collegeFree', 'collegeFull', 'camp'] as const) {
      await insertPerson(pool, { role: 'organisation_head', email: HEAD[key], name: `Руководитель ${ORG[key]}`, organisation: ORG[key] });
    }
    await insertPerson(pool, { role: 'service_provider', email: PROVIDER, name: 'Исполнитель услуг ДТДМ', organisation: ORG.provider });
    await insertPerson(pool, { role: 'municipal_operator', email: MO, name: 'Специалист УО г. Магнитогорска', municipality: MAG });
    await insertPerson(pool, { role: 'moc', email: MOC, name: 'МОЦ г. Магнитогорска', municipality: MAG });
    await insertPerson(pool, { role: 'financial_executive', email: FIN, name: 'Финансовый исполнитель МОЦ', municipality: MAG });
    for (const [role, email] of [['regional_operator', RO], ['rmc', RMC], ['vocational_department', VOCATIONAL], ['ministry', MINISTRY]] as const) {
      await insertPerson(pool, { role, email, name: role, region: REGION });
    }

    // Rollover: the year 2023/2024 closed by each organisation in scope (ДОО, ООО, ПОО).
    for (const [org, at] of [[ORG.school, '2024-09-12T12:00:00'], [ORG.kindergarten, '2024-08-30T12:00:00'], [ORG.collegeFree, '2024-07-01T12:00:00'], [ORG.collegeFull, '2024-07-01T12:00:00']] as const) {
      await pool.query(sql.unsafe`INSERT INTO academic_years (organisation_id, academic_year, starts_on, ends_on, closed_at)
        VALUES (${org}, '2023/2024', '2023-09-01', '2024-08-31', ${local(at)})`);
    }

    // СПО: each college's own campaign, configured 3 June; 25 places each. The polytechnic has 5 free
    // places at the end of the main campaign, the building college none.
    for (const [org, taken] of [[ORG.collegeFree, 20], [ORG.collegeFull, 25]] as const) {
      const c = await campaign(pool, { kind: 'spo', organisation: org, configuredAt: local('2024-06-03T10:00:00'), opensOn: '2024-06-20' });
      await unit(pool, c, org, { name: '08.02.01 Строительство и эксплуатация зданий', createdAt: local('2024-06-03T10:00:00'), total: 25, taken });
    }
    await application(pool, { organisation: ORG.collegeFree, kind: 'spo', number: 'СПО-1', submittedAt: local('2024-07-01T10:00:00'), decidedAt: local('2024-08-10T12:00:00') });
    await application(pool, { organisation: ORG.collegeFree, kind: 'spo', number: 'СПО-2', submittedAt: local('2024-09-10T10:00:00'), decidedAt: local('2024-11-29T12:00:00') });
    await application(pool, { organisation: ORG.collegeFull, kind: 'spo', number: 'СПО-3', submittedAt: local('2024-07-15T10:00:00'), decidedAt: local('2024-08-20T12:00:00') });
    // Never decided: it would be missed if the building college's campaign were extended; it is not.
    await application(pool, { organisation: ORG.collegeFull, kind: 'spo', number: 'СПО-4', submittedAt: local('2024-09-20T10:00:00'), decidedAt: null });

    // ДОЛ: the МОУО's summer-camp campaign configured late (Thu 21 March, due 20 March) with intake
    // from 1 April; the camp's shift created on 21 March but its benefits entered only on 27 March.
    const camp = await campaign(pool, { kind: 'summer_camp', municipality: MAG, configuredAt: local('2024-03-21T12:00:00'), opensOn: '2024-04-01' });
    const shiftReady = local('2024-03-21T14:00:00');
    await unit(pool, camp, ORG.camp, {
      name: '1 смена, 03.06–23.06.2024', createdAt: shiftReady, total: 120, taken: 0,
      requirementsMetAt: { capacity: shiftReady, vacant_places: shiftReady, dates: shiftReady, benefits: local('2024-03-27T12:00:00') },
    });
    await application(pool, { organisation: ORG.camp, kind: 'summer_camp', number: 'ДОЛ-1', submittedAt: local('2024-04-05T10:00:00'), decidedAt: local('2024-04-10T12:00:00') });
    await application(pool, { organisation: ORG.camp, kind: 'summer_camp', number: 'ДОЛ-2', submittedAt: local('2024-08-20T10:00:00'), decidedAt: local('2024-09-09T12:00:00') });

    // ПФДО: financial period created late (Wed 31 Jan, due Mon 29 Jan); nominal set on Tue 30 Jan
    // (due Thu 1 Feb); the provider joined on 12 February and set its tariffs late on Wed 28 Feb
    // (due Thu 22 Feb). Hours are reported on the 20th and settlement requested on the last day of
    // each month, accepted the next day at noon — except March: hours and request on Thu 4 April,
    // invoices accepted on Thu 11 April.
    await pool.query(sql.unsafe`INSERT INTO certificate_finance_steps (region, municipality_id, step, financial_period, done_at) VALUES
      (${REGION}, NULL, 'financial_period', '2024', ${local('2024-01-31T10:00:00')}),
      (${REGION}, ${MAG}, 'nominal_set', '2024', ${local('2024-01-30T12:00:00')})`);
    await pool.query(sql.unsafe`INSERT INTO certificate_providers (organisation_id, financial_period, added_at, tariffs_set_at)
      VALUES (${ORG.provider}, '2024', ${local('2024-02-12T10:00:00')}, ${local('2024-02-28T12:00:00')})`);
    for (let month = 2; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      const lastDay = new Date(Date.UTC(2024, month, 0)).getUTCDate();
      const next = new Date(Date.UTC(2024, month - 1, lastDay + 1)).toISOString().slice(0, 10);
      const [report, request, accepted] = month === 3
        ? [local('2024-04-04T10:00:00'), local('2024-04-04T12:00:00'), local('2024-04-11T12:00:00')]
        : [local(`2024-${mm}-20T10:00:00`), local(`2024-${mm}-${lastDay}T18:00:00`), local(`${next}T12:00:00`)];
      await pool.query(sql.unsafe`INSERT INTO finance_periods (organisation_id, period_id, report_at, request_at, accepted_at)
        VALUES (${ORG.provider}, ${`2024-${mm}`}, ${report}, ${request}, ${accepted})`);
    }

    const run = await s.simulate([regulationWithRules('chelyabinsk-2024-047371', [
      'rollover-window', 'spo-applications',
      'dol-campaign-mar-20', 'dol-shifts-mar-22', 'dol-intake-start-apr-1', 'dol-applications',
      'pfdo-financial-period-jan-29', 'pfdo-nominal-feb-1', 'pfdo-tariff-feb-22', 'pfdo-hours-month-end', 'pfdo-settlement-request-2wd', 'pfdo-invoice-acceptance-3wd',
    ])], '2024-01-01', '2024-12-31');
    expect(run).toMatchObject({ drivers: 11, sweeps: 1, digests: 1, skipped: [] });
  });

  afterAll(async () => {
    await s?.stop();
  });

  test('every notice went out at 09:00 local in a daily digest', async () => {
    const all = await noticesOf(s.pool, ['rollover-window', 'spo-applications', 'dol-campaign-mar-20', 'dol-shifts-mar-22', 'dol-intake-start-apr-1',
      'dol-applications', 'pfdo-financial-period-jan-29', 'pfdo-nominal-feb-1', 'pfdo-tariff-feb-22', 'pfdo-hours-month-end',
      'pfdo-settlement-request-2wd', 'pfdo-invoice-acceptance-3wd']);
    expect(all.filter((n) => n.status !== 'sent' || n.time !== '09:00')).toEqual([]);
  });

  test('rollover window 1 April – 6 September: window notice, reminders, deadline, МОУО escalation', async () => {
    // Window opens Mon 1 Apr 2024 (00:00): every ДОО, ООО and ПОО that has not closed 2023/2024 is
    // told in the 09:00 digest. Deadline Fri 6 Sep. Reminders 10, 3 and 1 working days before: Fri
    // 23 Aug (5, 4, 3, 2 Sep, 30, 29, 28, 27, 26, 23 Aug), Tue 3 Sep, Thu 5 Sep. The kindergarten
    // closes the year on Fri 30 Aug: only the first reminder. The school closes it on Thu 12 Sep:
    // deadline notice in the digest of Sat 7 Sep; МОУО 2 working days after (Mon 9, Tue 10) → digest
    // Wed 11 Sep; the operator step (end of Fri 13 Sep) finds the year closed. The colleges closed
    // it on 1 July: the window notice only.
    expect(listed(await noticesOf(s.pool, ['rollover-window']))).toEqual([
      [ORG.kindergarten, '2024', '2024-04-01', HEAD.kindergarten, 'window', 0, 0],
      [ORG.collegeFull, '2024', '2024-04-01', HEAD.collegeFull, 'window', 0, 0],
      [ORG.collegeFree, '2024', '2024-04-01', HEAD.collegeFree, 'window', 0, 0],
      [ORG.school, '2024', '2024-04-01', HEAD.school, 'window', 0, 0],
      [ORG.kindergarten, '2024', '2024-08-23', HEAD.kindergarten, 'reminder', 0, 0],
      [ORG.school, '2024', '2024-08-23', HEAD.school, 'reminder', 0, 0],
      [ORG.school, '2024', '2024-09-03', HEAD.school, 'reminder', 1, 0],
      [ORG.school, '2024', '2024-09-05', HEAD.school, 'reminder', 2, 0],
      [ORG.school, '2024', '2024-09-07', HEAD.school, 'escalation', 0, 0],
      [ORG.school, '2024', '2024-09-11', MO, 'escalation', 1, 0],
    ]);
  });

  test('the window e-mail reaches the school head with the deadline and a calendar entry', async () => {
    const mail = listCapturedMail(s.mailDir).find((m) => m.to.includes(HEAD.school) && m.headers['x-reglament-digest'] === '01.04.2024');
    expect(mail?.subject).toBe('Открыт срок исполнения: Переход на новый учебный год завершён — с 1 апреля по 6 сентября 2024 г. (ДОО, ООО, ПОО) (2024 год) — МАОУ «СОШ № 15» г. Магнитогорска');
    expect(mail?.text).toContain('Срок: до 06.09.2024 24:00 (Asia/Yekaterinburg, UTC+5)');
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['srok.ics']);
  });

  test('СПО: the college with free places gets the extension’s notices, the full one does not', async () => {
    // Main campaign 20 Jun – 15 Aug (Thu). Reminders 5 and 1 working days before: Thu 8 Aug (14, 13,
    // 12, 9, 8) and Wed 14 Aug. The polytechnic decides СПО-1 on Sat 10 Aug: the first reminder
    // only. The building college decides СПО-3 on Tue 20 Aug: both reminders; deadline notice in the
    // digest of Fri 16 Aug; the operator 2 working days after (Fri 16, Mon 19) → digest Tue 20 Aug
    // (09:00, before the decision at noon); the department step (end of Thu 22 Aug) finds it done.
    // Extension to Mon 25 Nov, only where places were free at the end of 15 Aug: the polytechnic (5
    // of 25). Reminders Mon 18 Nov (22, 21, 20, 19, 18) and Fri 22 Nov; СПО-2 undecided → deadline
    // notice Tue 26 Nov; operator (Tue 26, Wed 27) → digest Thu 28 Nov; decided Fri 29 Nov, before the
    // department step (end of Mon 2 Dec). The building college had no free places: its undecided
    // СПО-4 is not judged under the extension.
    expect(listed(await noticesOf(s.pool, ['spo-applications']))).toEqual([
      [ORG.collegeFull, '2024', '2024-08-08', HEAD.collegeFull, 'reminder', 0, 0],
      [ORG.collegeFree, '2024', '2024-08-08', HEAD.collegeFree, 'reminder', 0, 0],
      [ORG.collegeFull, '2024', '2024-08-14', HEAD.collegeFull, 'reminder', 1, 0],
      [ORG.collegeFull, '2024', '2024-08-16', HEAD.collegeFull, 'escalation', 0, 0],
      [ORG.collegeFull, '2024', '2024-08-20', RO, 'escalation', 1, 0],
      [ORG.collegeFree, '2024-extension', '2024-11-18', HEAD.collegeFree, 'reminder', 0, 0],
      [ORG.collegeFree, '2024-extension', '2024-11-22', HEAD.collegeFree, 'reminder', 1, 0],
      [ORG.collegeFree, '2024-extension', '2024-11-26', HEAD.collegeFree, 'escalation', 0, 0],
      [ORG.collegeFree, '2024-extension', '2024-11-28', RO, 'escalation', 1, 0],
    ]);
    const cases = await s.pool.any(sql.type(z.object({ period: z.string(), org: z.string(), status: z.string() }))`
      SELECT period_id AS period, organisation_id AS org, status FROM obligation_cases WHERE rule_id = 'spo-applications' ORDER BY period_id, organisation_id`);
    expect(cases).toEqual([
      { period: '2024', org: ORG.collegeFull, status: 'met_late' },
      { period: '2024', org: ORG.collegeFree, status: 'met' },
      { period: '2024-extension', org: ORG.collegeFree, status: 'met_late' },
    ]);
  });

  test('ДОЛ preparation chain: campaign, shifts, intake start, applications', async () => {
    // Campaign (МОУО) due Wed 20 Mar; reminder 3 working days before: Fri 15 Mar (19, 18, 15);
    // configured Thu 21 Mar at noon → deadline notice in the 09:00 digest of Thu 21 Mar; the operator
    // step (end of Fri 22 Mar) finds it configured.
    expect(listed(await noticesOf(s.pool, ['dol-campaign-mar-20']))).toEqual([
      [ORG.mouo, '2024', '2024-03-15', MO, 'reminder', 0, 0],
      [ORG.mouo, '2024', '2024-03-21', MO, 'escalation', 0, 0],
    ]);
    // Shifts (ДОЛ) due Fri 22 Mar; reminder Tue 19 Mar (21, 20, 19); benefits entered Wed 27 Mar →
    // deadline notice Sat 23 Mar; МОУО 2 working days after (Mon 25, Tue 26) → digest Wed 27 Mar at
    // 09:00, before the benefits at noon; the operator step (end of Fri 29 Mar) finds the shift ready.
    expect(listed(await noticesOf(s.pool, ['dol-shifts-mar-22']))).toEqual([
      [ORG.camp, '2024', '2024-03-19', HEAD.camp, 'reminder', 0, 0],
      [ORG.camp, '2024', '2024-03-23', HEAD.camp, 'escalation', 0, 0],
      [ORG.camp, '2024', '2024-03-27', MO, 'escalation', 1, 0],
    ]);
    // Intake start (МОУО) due Mon 1 Apr; the campaign opens intake on 1 April itself, so before then
    // it has not started: reminders 5 and 1 working days before, Mon 25 Mar (29, 28, 27, 26, 25) and
    // Fri 29 Mar; met on the day, no deadline notice.
    expect(listed(await noticesOf(s.pool, ['dol-intake-start-apr-1']))).toEqual([
      [ORG.mouo, '2024', '2024-03-25', MO, 'reminder', 0, 0],
      [ORG.mouo, '2024', '2024-03-29', MO, 'reminder', 1, 0],
    ]);
    // Applications, campaign 1 Apr – Thu 5 Sep; reminders Thu 29 Aug (4, 3, 2 Sep, 30, 29 Aug) and
    // Wed 4 Sep; ДОЛ-2 decided Mon 9 Sep → deadline notice Fri 6 Sep; the МОУО step (end of Mon 9 Sep:
    // Fri 6, Mon 9) finds it decided.
    expect(listed(await noticesOf(s.pool, ['dol-applications']))).toEqual([
      [ORG.camp, '2024', '2024-08-29', HEAD.camp, 'reminder', 0, 0],
      [ORG.camp, '2024', '2024-09-04', HEAD.camp, 'reminder', 1, 0],
      [ORG.camp, '2024', '2024-09-06', HEAD.camp, 'escalation', 0, 0],
    ]);
  });

  test('navigator finance chain: financial period, nominal, tariffs, hours, settlement request, invoices', async () => {
    // Financial period (РМЦ, regional) due Mon 29 Jan; reminder 3 working days before: Wed 24 Jan
    // (26, 25, 24); created Wed 31 Jan → deadline notice Tue 30 Jan; the operator step (end of Wed
    // 31 Jan) finds it created.
    expect(listed(await noticesOf(s.pool, ['pfdo-financial-period-jan-29']))).toEqual([
      [ORG.operator, '2024', '2024-01-24', RMC, 'reminder', 0, 0],
      [ORG.operator, '2024', '2024-01-30', RMC, 'escalation', 0, 0],
    ]);
    // Nominal (МОЦ) due Thu 1 Feb; reminder Mon 29 Jan (31, 30, 29); set Tue 30 Jan: met.
    expect(listed(await noticesOf(s.pool, ['pfdo-nominal-feb-1']))).toEqual([
      [ORG.mouo, '2024', '2024-01-29', MOC, 'reminder', 0, 0],
    ]);
    // Tariffs (provider) due Thu 22 Feb; reminder Mon 19 Feb (21, 20, 19); deadline notice Fri 23 Feb
    // (a holiday: digests go out every day); МОЦ 2 working days after (Mon 26, Tue 27: 23 Feb is a
    // holiday) → digest Wed 28 Feb, before the tariffs at noon; the РМЦ step (end of Fri 1 Mar) finds them.
    expect(listed(await noticesOf(s.pool, ['pfdo-tariff-feb-22']))).toEqual([
      [ORG.provider, '2024', '2024-02-19', PROVIDER, 'reminder', 0, 0],
      [ORG.provider, '2024', '2024-02-23', PROVIDER, 'escalation', 0, 0],
      [ORG.provider, '2024', '2024-02-28', MOC, 'escalation', 1, 0],
    ]);
    // Hours for March: the last calendar day, Sun 31 Mar, not moved. Reminders 3 and 1 working days
    // before: Wed 27 Mar (29, 28, 27) and Fri 29 Mar; reported Thu 4 Apr → deadline notice Mon 1 Apr;
    // МОЦ (Mon 1, Tue 2 Apr) → digest Wed 3 Apr; the РМЦ step (end of Fri 5 Apr) finds them. Every
    // other month was reported on the 20th, before its first reminder.
    expect(listed(await noticesOf(s.pool, ['pfdo-hours-month-end']))).toEqual([
      [ORG.provider, '2024-03', '2024-03-27', PROVIDER, 'reminder', 0, 0],
      [ORG.provider, '2024-03', '2024-03-29', PROVIDER, 'reminder', 1, 0],
      [ORG.provider, '2024-03', '2024-04-01', PROVIDER, 'escalation', 0, 0],
      [ORG.provider, '2024-03', '2024-04-03', MOC, 'escalation', 1, 0],
    ]);
    // Settlement request for March: 2 working days after Sun 31 Mar → Tue 2 Apr; reminder 1 working
    // day before: Mon 1 Apr; requested Thu 4 Apr at noon → deadline notice Wed 3 Apr; the МОЦ step
    // (end of Thu 4 Apr: Wed 3, Thu 4) finds it made. Other months: requested on their last day.
    expect(listed(await noticesOf(s.pool, ['pfdo-settlement-request-2wd']))).toEqual([
      [ORG.provider, '2024-03', '2024-04-01', PROVIDER, 'reminder', 0, 0],
      [ORG.provider, '2024-03', '2024-04-03', PROVIDER, 'escalation', 0, 0],
    ]);
    // Invoices, chained after the request of Thu 4 Apr: 3 working days (Fri 5, Mon 8, Tue 9) → the
    // sweep of Wed 10 Apr opens the МОУО's case, the financial executive hears at 09:00 Wed 10 Apr;
    // МОУО 1 working day after (Wed 10) → digest Thu 11 Apr, before the acceptance at noon; the
    // sweep of Fri 12 Apr closes the case, so the operator (end of Fri 12 Apr) is not told. Requests
    // of other months were accepted the next day.
    const invoices = await noticesOf(s.pool, ['pfdo-invoice-acceptance-3wd']);
    expect(listed(invoices)).toEqual([
      [ORG.mouo, '', '2024-04-10', FIN, 'escalation', 0, 0],
      [ORG.mouo, '', '2024-04-11', MO, 'escalation', 1, 0],
    ]);
    const cases = await s.pool.any(sql.type(z.object({ status: z.string(), last_day: z.string(), closed_at: z.string().nullable() }))`
      SELECT status, to_char(last_day, 'YYYY-MM-DD') AS last_day, closed_at::text FROM obligation_cases WHERE rule_id = 'pfdo-invoice-acceptance-3wd'`);
    expect(cases).toEqual([{ status: 'met_late', last_day: '2024-04-09', closed_at: '2024-04-11 07:00:00+00' }]);
  });

  test('the provider’s digest of 1 April carries both of the day’s notices in one e-mail', async () => {
    const mails = listCapturedMail(s.mailDir).filter((m) => m.to.includes(PROVIDER) && m.headers['x-reglament-digest'] === '01.04.2024');
    expect(mails.map((m) => m.subject)).toEqual(['Reglament: сводка уведомлений за 01.04.2024 — 2']);
    expect(mails[0]!.headers['x-reglament-rules']?.split(', ').sort()).toEqual(['pfdo-hours-month-end', 'pfdo-settlement-request-2wd']);
  });
});
