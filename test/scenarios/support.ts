import { expect } from '@jest/globals';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';
import { loadAllCalendars } from '../../src/engine.js';
import { startSmtpCapture, type RunningSmtpCapture } from '../../src/infra/smtpCapture.js';
import { createMailer, type Mailer } from '../../src/notify/mailer.js';
import { projectRoot } from '../../src/paths.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../src/regulation/loadRegulations.js';
import type { CompiledRegulation } from '../../src/regulation/model.js';
import { simulateYear, type SimulationRun } from '../../src/simulation/simulateYear.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { timeSkippingEnvironment } from '../support/temporal.js';

/** Local zone of both scenario regions (ЯНАО and Челябинская область are UTC+5 all year). */
export const ZONE = 'Asia/Yekaterinburg';

/** Hour of the daily digests in the scenarios, local time. */
export const DIGEST_HOUR = 9;

/**
 * A seed regulation compiled from `regulations/<id>.yaml`, keeping only the rules named, so that a
 * scenario plays exactly the rules its expectations are about.
 */
export function regulationWithRules(id: string, ruleIds: string[]): CompiledRegulation {
  const loaded = loadRegulations([join(projectRoot(), 'regulations', `${id}.yaml`)], { calendars: calendarCatalog() });
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const regulation = loaded.regulations[0]!;
  const rules = regulation.rules.filter((r) => ruleIds.includes(r.id));
  expect(rules.map((r) => r.id).sort()).toEqual([...ruleIds].sort());
  return { ...regulation, rules };
}

/** The real parts a scenario runs on: its own database, a mail capture and the time-skipping server. */
export interface Scenario {
  db: TestDatabase;
  pool: DatabasePool;
  mailDir: string;
  run?: SimulationRun;
  /** Plays `regulations` over [from, to] with daily digests at `DIGEST_HOUR` local. */
  simulate(regulations: CompiledRegulation[], from: string, to: string): Promise<SimulationRun>;
  stop(): Promise<void>;
}

/** Starts a scenario: a fresh migrated database, an SMTP capture writing to a temporary folder, the time-skipping server. */
export async function startScenario(label: string): Promise<Scenario> {
  const db = await freshDatabase(label);
  const mailDir = mkdtempSync(join(tmpdir(), 'reglament-scenario-mail-'));
  const smtp: RunningSmtpCapture = await startSmtpCapture({ dir: mailDir, port: 0 });
  const mailer: Mailer = createMailer(smtp.url);
  const env: TestWorkflowEnvironment = await timeSkippingEnvironment();
  const scenario: Scenario = {
    db, pool: db.pool, mailDir,
    async simulate(regulations, from, to) {
      scenario.run = await simulateYear({
        env, pool: db.pool, mailer, regulations, calendars: loadAllCalendars(), from, to, digestHour: DIGEST_HOUR,
        taskQueue: `scenario-${label}`,
      });
      return scenario.run;
    },
    async stop() {
      await env.teardown();
      mailer.close();
      await smtp.stop();
      await db.close();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
  return scenario;
}

/** Inserts a municipality. */
export async function insertMunicipality(pool: DatabasePool, region: string, id: string, name: string): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES (${id}, ${region}, ${name})`);
}

/** Inserts an organisation of `type` in a municipality. */
export async function insertOrganisation(pool: DatabasePool, o: { id: string; region: string; municipality: string; type: string; name: string }): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name)
    VALUES (${o.id}, ${o.region}, ${o.municipality}, ${o.type}, ${o.name})`);
}

/** Inserts a responsible person holding `role` for one organisation, one municipality or a whole region. */
export async function insertPerson(pool: DatabasePool, p: { role: string; email: string; name: string; organisation?: string; municipality?: string; region?: string }): Promise<void> {
  await pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id, municipality_id, region)
    VALUES (${p.name}, ${p.email}, ${p.role}, ${p.organisation ?? null}, ${p.municipality ?? null}, ${p.region ?? null})`);
}

/** One notification as a scenario asserts it: which case, which notice, to whom, on which local day. */
export interface SentNotice {
  rule: string;
  /** The case's subject: an order, a hire or a request id for event-relative cases, the organisation for period cases. */
  subject: string;
  /** The case's organisation (for municipal and regional tiers, the МОУО or РО organisation). */
  org: string;
  /** The case's period ('' for event-relative cases) and tier. */
  period: string;
  tier: number;
  notice: 'window' | 'reminder' | 'escalation';
  step: number;
  repeat: number;
  to: string;
  /** Local day of `sent_at` in `ZONE`, and its local time. */
  day: string;
  time: string;
  status: string;
}

const sentRow = z.object({
  rule: z.string(), subject: z.string(), org: z.string(), period: z.string(), tier: z.number(), notice: z.enum(['window', 'reminder', 'escalation']),
  step: z.number(), repeat: z.number(), to: z.string(), day: z.string().nullable(), time: z.string().nullable(), status: z.string(),
});

/**
 * Every notification of the given rules, oldest first, with the local day and time it went out in
 * its digest. Unsent rows (queued, cancelled) have day and time ''.
 */
export async function noticesOf(pool: DatabasePool, ruleIds: string[]): Promise<SentNotice[]> {
  const rows = await pool.any(sql.type(sentRow)`
    SELECT c.rule_id AS rule, c.subject_id AS subject, c.organisation_id AS org, c.period_id AS period, c.tier, n.notice, n.step, n.repeat,
           n.recipient_email AS to, n.status,
           to_char(n.sent_at AT TIME ZONE ${ZONE}, 'YYYY-MM-DD') AS day, to_char(n.sent_at AT TIME ZONE ${ZONE}, 'HH24:MI') AS time
    FROM notifications n JOIN obligation_cases c ON c.id = n.case_id
    WHERE c.rule_id = ANY(${sql.array(ruleIds, 'text')})
    ORDER BY n.sent_at NULLS LAST, c.rule_id, c.tier, n.notice, n.step, n.repeat, c.organisation_id, n.recipient_email`);
  return rows.map((r) => ({ ...r, day: r.day ?? '', time: r.time ?? '' }));
}

/** A notice in the compact form the scenarios list their expectations in: `[day, to, notice, step, repeat]`. */
export type Expected = [day: string, to: string, notice: SentNotice['notice'], step: number, repeat: number];

/** The compact form of notices, for `toEqual` against a list of `Expected`. */
export function compact(notices: SentNotice[]): Expected[] {
  return notices.map((n) => [n.day, n.to, n.notice, n.step, n.repeat]);
}
