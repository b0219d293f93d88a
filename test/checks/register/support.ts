import { join } from 'node:path';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { sweepEventRule, type SweepResult } from '../../../activities/sweepEventRule.js';
import type { Mailer, OutgoingMail } from '../../../src/notify/mailer.js';
import { calendarCatalog } from '../../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../../src/regulation/model.js';
import type { CalendarData } from '../../../src/time/calendarData.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { FIXTURE, insertFixtureRegion } from '../../support/fixtures.js';

/** The regional operator and the municipal authority added to the fixture region. */
export const OPERATOR = 'org-operator';
export const MOUO = 'org-mouo';
export const KINDERGARTEN = 'org-kindergarten';

/** The test regulation of this folder (manual rules after and before register events, and a chain). */
export function registerRegulation(): CompiledRegulation {
  const loaded = loadRegulations([join(process.cwd(), 'test', 'checks', 'register', 'regulations')], { calendars: calendarCatalog() });
  if (loaded.problems.some((p) => p.severity === 'error')) throw new Error(JSON.stringify(loaded.problems));
  return loaded.regulations[0]!;
}

/** The fixture region with a regional operator, a МОУО and a kindergarten besides the school. */
export async function insertRegisterRegion(pool: DatabasePool): Promise<void> {
  await insertFixtureRegion(pool);
  await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES
    (${OPERATOR}, ${FIXTURE.region}, ${FIXTURE.municipality}, 'ОПЕРАТОР', 'Региональный оператор'),
    (${MOUO}, ${FIXTURE.region}, ${FIXTURE.municipality}, 'МОУО', 'Управление образования'),
    (${KINDERGARTEN}, ${FIXTURE.region}, ${FIXTURE.municipality}, 'ДОО', 'МБДОУ «Детский сад № 1»')`);
}

/** A row of the event register. */
export async function registerEvent(pool: DatabasePool, e: { organisation?: string; kind: string; reference: string; date: string; enteredAt: string }): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO event_register (organisation_id, kind, reference, event_date, entered_at, source)
    VALUES (${e.organisation ?? FIXTURE.school}, ${e.kind}, ${e.reference}, ${e.date}, ${e.enteredAt}, 'test')`);
}

/** A manual confirmation of `ruleId` for the event `key`, recorded at `at`. */
export async function confirmAt(pool: DatabasePool, ruleId: string, key: string, at: string, organisation: string = FIXTURE.school): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO manual_confirmations (regulation_id, rule_id, period_id, organisation_id, confirmed_by, confirmed_at)
    VALUES ('test-register', ${ruleId}, ${key}, ${organisation}, 'Иванова А. П.', ${at})`);
}

const caseRow = z.object({ period_id: z.string(), subject_kind: z.string(), organisation_id: z.string(), status: z.string(), closed_at: z.string().nullable(), due_at: z.string(), last_day: z.string(), event_date: z.string() });

/** The cases of a rule of the test regulation, by event key. */
export async function casesByKey(pool: DatabasePool, ruleId: string): Promise<Record<string, z.infer<typeof caseRow>>> {
  const rows = await pool.any(sql.type(caseRow)`
    SELECT period_id, subject_kind, organisation_id, status, closed_at, due_at, last_day::text AS last_day, event_date::text AS event_date
    FROM obligation_cases WHERE regulation_id = 'test-register' AND rule_id = ${ruleId} ORDER BY id`);
  return Object.fromEntries(rows.map((r) => [`${r.organisation_id}/${r.period_id}`, r]));
}

/** A mailer that keeps what it is given. */
export function capturingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, send: async (mail) => (sent.push(mail), `<${sent.length}@test>`), close: () => undefined };
}

let calendar: CalendarData | undefined;

/** One run of the real sweep activity for `ruleId` at `asOf` (the first run looks back `backfillDays`). */
export async function sweepRule(pool: DatabasePool, regulation: CompiledRegulation, ruleId: string, asOf: string, mailer: Mailer = capturingMailer(), backfillDays = 40): Promise<SweepResult> {
  calendar ??= loadCalendar();
  const { rules, ...header } = regulation;
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return sweepEventRule({ pool, mailer, calendars: { 'ru-federal': calendar }, clock: () => new Date(asOf) }, { regulation: header, rule, asOf, backfillDays });
}
