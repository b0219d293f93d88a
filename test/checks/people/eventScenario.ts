import { expect } from '@jest/globals';
import { DateTime } from 'luxon';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import type { DueByDate, EventCheck, NewCases, SweepWindow, TermShape } from '../../../src/checks/event/eventCheck.js';
import type { CalendarData } from '../../../src/time/calendarData.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { computeDue, type Term } from '../../../src/time/term.js';
import { FIXTURE } from '../../support/fixtures.js';

const ZONE = 'Asia/Yekaterinburg';
let calendar: CalendarData | undefined;

/** One sweep of an event check at `asOf` from `watermark`, as `activities/sweepEventRule.ts` drives it (without notices). */
export async function sweepOnce(pool: DatabasePool, check: EventCheck, opts: { ruleId: string; params: Record<string, unknown>; term: Term; watermark: string; asOf: string; termShape?: TermShape }): Promise<NewCases & { dates: string[]; closed: number[] }> {
  calendar ??= loadCalendar();
  const w: SweepWindow = {
    ruleKey: { regulationId: 'test-people', ruleId: opts.ruleId }, region: FIXTURE.region, organisationTypes: ['ООО'],
    effectiveFrom: '2024-01-01', watermark: opts.watermark, asOf: opts.asOf, versionHash: 'test', ...(opts.termShape ? { termShape: opts.termShape } : {}),
  };
  const earliest = DateTime.fromISO(opts.watermark, { zone: ZONE }).minus({ days: opts.term.amount * 2 + 16 }).toISODate()!;
  const dates = await check.candidateEventDates(pool, w, earliest, opts.params);
  const dues: DueByDate[] = [];
  for (const eventDate of dates) {
    const due = computeDue({ event: eventDate, zone: ZONE, term: opts.term, calendar });
    if (Date.parse(due.due) <= Date.parse(opts.asOf)) dues.push({ eventDate, dueAt: due.due, lastDay: due.lastDay });
  }
  const res = dues.length ? await check.evaluateNew(pool, w, dues, opts.params) : { met: 0, met_late: 0, opened: 0 };
  return { ...res, dates, closed: [] };
}

/** The cases of a rule, by status and closing time. */
export async function casesOf(pool: DatabasePool, ruleId: string) {
  return pool.any(sql.type(z.object({ subject_kind: z.string(), subject_id: z.string(), status: z.string(), closed_at: z.string().nullable(), due_at: z.string() }))`
    SELECT subject_kind, subject_id, status, closed_at, due_at FROM obligation_cases WHERE rule_id = ${ruleId} ORDER BY id`);
}

/** How a scenario inserts events and completes them; returns the subject id of the case. */
export interface ScenarioHooks {
  /** Inserts an event on `eventDate`, entered at `enteredAt`, done at `doneAt` (null: not done); `tag` names the person. */
  insert(tag: string, opts: { eventDate: string; enteredAt: string; doneAt: string | null }): Promise<number>;
  /** Records that the obligation for `id` was fulfilled at `at`. */
  complete(id: number, at: string): Promise<void>;
}

/**
 * The common verdict table of an event check, with the event on `eventDate` due at `dueAt` (UTC):
 * pending before the deadline; met on time and at its last minute; met late one minute after;
 * missed; a completion recorded after `asOf` unseen; an event entered after `asOf` unseen until the
 * next sweep; no duplicate case on a repeated evaluation; open cases closed as met late once done.
 * Returns the ids by tag, for check-specific assertions.
 */
export async function runVerdictTable(pool: DatabasePool, check: EventCheck, hooks: ScenarioHooks, opts: {
  ruleId: string; params: Record<string, unknown>; term: Term; eventDate: string; dueAt: string; subjectKind: string;
}): Promise<Record<string, number>> {
  const due = Date.parse(opts.dueAt);
  const at = (minutes: number) => new Date(due + minutes * 60_000).toISOString();
  const entered = `${opts.eventDate}T05:00:00.000Z`;
  const asOf = at(2 * 24 * 60);
  const ids: Record<string, number> = {};
  ids.onTime = await hooks.insert('Вовремя', { eventDate: opts.eventDate, enteredAt: entered, doneAt: at(-24 * 60) });
  ids.edge = await hooks.insert('Впритык', { eventDate: opts.eventDate, enteredAt: entered, doneAt: at(-1) });
  ids.late = await hooks.insert('Опоздавший', { eventDate: opts.eventDate, enteredAt: entered, doneAt: at(1) });
  ids.never = await hooks.insert('Забытый', { eventDate: opts.eventDate, enteredAt: entered, doneAt: null });
  ids.future = await hooks.insert('Будущий', { eventDate: opts.eventDate, enteredAt: entered, doneAt: at(3 * 24 * 60) });
  ids.enteredLate = await hooks.insert('Запоздалый', { eventDate: opts.eventDate, enteredAt: at(4 * 24 * 60), doneAt: null });
  const base = { ruleId: opts.ruleId, params: opts.params, term: opts.term, watermark: `${opts.eventDate}T00:00:00.000Z` };

  // Pending: one minute before the deadline nothing is judged.
  const before = await sweepOnce(pool, check, { ...base, asOf: at(-1) });
  expect(before.dates).toContain(opts.eventDate);
  expect(before).toMatchObject({ met: 0, met_late: 0, opened: 0 });

  const first = await sweepOnce(pool, check, { ...base, asOf });
  expect(first).toMatchObject({ met: 2, met_late: 1, opened: 2 });
  const byId = (rows: Awaited<ReturnType<typeof casesOf>>) => Object.fromEntries(rows.map((r) => [Number(r.subject_id), r]));
  let cases = byId(await casesOf(pool, opts.ruleId));
  expect(Object.keys(cases).map(Number).sort()).toEqual([ids.late, ids.never, ids.future].sort());
  expect(cases[ids.late!]).toMatchObject({ status: 'met_late', closed_at: at(1), subject_kind: opts.subjectKind });
  expect(Date.parse(cases[ids.late!]!.due_at)).toBe(due);
  expect(cases[ids.never!]!.status).toBe('open');
  expect(cases[ids.future!]!.status).toBe('open'); // done after asOf: unseen at asOf

  // A repeated evaluation opens no duplicate case.
  const again = await sweepOnce(pool, check, { ...base, asOf });
  expect(again).toMatchObject({ met: 2, met_late: 0, opened: 0 });
  expect(await casesOf(pool, opts.ruleId)).toHaveLength(3);

  // The next sweep (watermark = asOf) picks up the event entered since, although its deadline passed long ago.
  const next = await sweepOnce(pool, check, { ...base, watermark: asOf, asOf: at(5 * 24 * 60) });
  expect(next).toMatchObject({ met: 0, met_late: 0, opened: 1 });
  const afterNext = await casesOf(pool, opts.ruleId);
  expect(afterNext).toHaveLength(4);
  expect(afterNext.at(-1)!.status).toBe('open');

  // Closing: the completion recorded after the first sweep closes its case as met late, at its own time.
  const ruleKey = { regulationId: 'test-people', ruleId: opts.ruleId };
  // As of a moment before the completion, nothing closes: a simulated past sees only what was recorded then.
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(3 * 24 * 60 - 1))).toHaveLength(0);
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(5 * 24 * 60))).toHaveLength(1);
  cases = byId(await casesOf(pool, opts.ruleId));
  expect(cases[ids.future!]).toMatchObject({ status: 'met_late', closed_at: at(3 * 24 * 60) });
  await hooks.complete(ids.never!, at(6 * 24 * 60));
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(7 * 24 * 60))).toHaveLength(1);
  cases = byId(await casesOf(pool, opts.ruleId));
  expect(cases[ids.never!]).toMatchObject({ status: 'met_late', closed_at: at(6 * 24 * 60) });
  expect(cases[ids.enteredLate!]!.status).toBe('open');
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(7 * 24 * 60))).toHaveLength(0);
  return ids;
}
