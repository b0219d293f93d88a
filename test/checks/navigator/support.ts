import { expect } from '@jest/globals';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import type { EventCheck } from '../../../src/checks/event/eventCheck.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { computeDue, type Term } from '../../../src/time/term.js';
import { FIXTURE } from '../../support/fixtures.js';
import { casesOf, sweepOnce } from '../people/eventScenario.js';

export const ZONE = 'Asia/Yekaterinburg';
export const THREE_WD: Term = { amount: 3, unit: 'working_days', direction: 'after' };
export const FIVE_WD: Term = { amount: 5, unit: 'working_days', direction: 'after' };
export const SAME_DAY: Term = { amount: 0, unit: 'days', direction: 'after' };
export const TEN_WD_BEFORE: Term = { amount: 10, unit: 'working_days', direction: 'before' };
export const ONE_WD_BEFORE: Term = { amount: 1, unit: 'working_days', direction: 'before' };

/** The deadline instant of an event on `eventDate` under `term`, as the sweep computes it. */
export function dueOf(eventDate: string, term: Term): string {
  return new Date(computeDue({ event: eventDate, zone: ZONE, term, calendar: loadCalendar() }).due).toISOString();
}

/** An instant `minutes` after `instant`. */
export const plus = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

/** Inserts an organisation of `type` in the fixture municipality (created if new). */
export async function insertOrg(pool: DatabasePool, id: string, type: string, municipality = FIXTURE.municipality): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${municipality}, ${FIXTURE.region}, ${'Район ' + municipality}) ON CONFLICT DO NOTHING`);
  await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES (${id}, ${FIXTURE.region}, ${municipality}, ${type}, ${'Организация ' + id})`);
}

/** Inserts a programme of an organisation and returns its id. */
export async function insertProgramme(pool: DatabasePool, organisationId: string, name: string): Promise<number> {
  return pool.oneFirst(sql.type(z.object({ id: z.number() }))`
    INSERT INTO programmes (organisation_id, name, kind) VALUES (${organisationId}, ${name}, 'additional') RETURNING id`);
}

/** How a scenario records an event at `eventAt` done at `doneAt` (null: not done), and a later completion. */
export interface InstantHooks {
  insert(tag: string, opts: { eventAt: string; doneAt: string | null }): Promise<number>;
  complete(id: number, at: string): Promise<void>;
}

/**
 * The verdict table of an event check whose event is itself the entry (a request received, a card
 * changed, an application filed: `entered_at` is the event's instant, so the late-entered event of
 * `runVerdictTable` cannot be made): pending before the deadline; met on time and in its last
 * minute; met late one minute after; missed; a completion after `asOf` unseen; no duplicate case on
 * a repeated sweep; a sweep from a later watermark judges nothing again; closing as of a moment.
 */
export async function runInstantVerdicts(pool: DatabasePool, check: EventCheck, hooks: InstantHooks, opts: {
  ruleId: string; params: Record<string, unknown>; term: Term; eventDate: string; subjectKind: string;
}): Promise<Record<string, number>> {
  const dueAt = dueOf(opts.eventDate, opts.term);
  const at = (minutes: number) => plus(dueAt, minutes);
  const eventAt = `${opts.eventDate}T05:00:00.000Z`;
  const ids: Record<string, number> = {};
  ids.onTime = await hooks.insert('onTime', { eventAt, doneAt: at(-24 * 60) < eventAt ? eventAt : at(-24 * 60) });
  ids.edge = await hooks.insert('edge', { eventAt, doneAt: at(-1) });
  ids.late = await hooks.insert('late', { eventAt, doneAt: at(1) });
  ids.never = await hooks.insert('never', { eventAt, doneAt: null });
  ids.future = await hooks.insert('future', { eventAt, doneAt: at(3 * 24 * 60) });
  const base = { ruleId: opts.ruleId, params: opts.params, term: opts.term, watermark: `${opts.eventDate}T00:00:00.000Z` };

  const before = await sweepOnce(pool, check, { ...base, asOf: at(-1) });
  expect(before.dates).toContain(opts.eventDate);
  expect(before).toMatchObject({ met: 0, met_late: 0, opened: 0 });

  const asOf = at(2 * 24 * 60);
  const first = await sweepOnce(pool, check, { ...base, asOf });
  expect(first).toMatchObject({ met: 2, met_late: 1, opened: 2 });
  const byId = async () => Object.fromEntries((await casesOf(pool, opts.ruleId)).map((r) => [Number(r.subject_id), r]));
  let cases = await byId();
  expect(Object.keys(cases).map(Number).sort()).toEqual([ids.late!, ids.never!, ids.future!].sort());
  expect(cases[ids.late!]).toMatchObject({ status: 'met_late', closed_at: at(1), subject_kind: opts.subjectKind });
  expect(Date.parse(cases[ids.late!]!.due_at)).toBe(Date.parse(dueAt));
  expect([cases[ids.never!]!.status, cases[ids.future!]!.status]).toEqual(['open', 'open']);

  // Repeated, then from the watermark the first sweep left: nothing is judged twice.
  expect(await sweepOnce(pool, check, { ...base, asOf })).toMatchObject({ met: 2, met_late: 0, opened: 0 });
  expect(await sweepOnce(pool, check, { ...base, watermark: asOf, asOf: at(5 * 24 * 60) })).toMatchObject({ met: 0, met_late: 0, opened: 0 });
  expect(await casesOf(pool, opts.ruleId)).toHaveLength(3);

  const ruleKey = { regulationId: 'test-people', ruleId: opts.ruleId };
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(3 * 24 * 60 - 1))).toHaveLength(0);
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(5 * 24 * 60))).toHaveLength(1);
  await hooks.complete(ids.never!, at(6 * 24 * 60));
  expect(await check.closeCompleted(pool, ruleKey, opts.params, at(7 * 24 * 60))).toHaveLength(1);
  cases = await byId();
  expect(cases[ids.future!]).toMatchObject({ status: 'met_late', closed_at: at(3 * 24 * 60) });
  expect(cases[ids.never!]).toMatchObject({ status: 'met_late', closed_at: at(6 * 24 * 60) });
  return ids;
}
