import { DateTime } from 'luxon';
import pLimit from 'p-limit';
import { sql, type DatabasePool } from 'slonik';
import { sweepEventRule, type SweepDeps } from '../activities/sweepEventRule.js';
import { driverKind } from '../src/execution/applyRegulations.js';
import type { Mailer } from '../src/notify/mailer.js';
import type { BenchRegulations } from './benchRegulations.js';

/** One rule's sweep of one day. */
export interface RuleSweep {
  rule: string;
  check: string;
  /** When the sweep started, ms from the start of the day's run (sweeps side by side start as slots free up). */
  startMs: number;
  ms: number;
  /** Events judged: met on time, met late, opened. */
  events: number;
  opened: number;
  mails: number;
  /** Of `ms`, the time spent handing mail to the SMTP server (0 when sweeps run side by side). */
  mailMs: number;
  /** The error message, when the sweep failed (it is reported, and the other rules still run). */
  error?: string;
}

/** What the daily sweep measured. */
export interface DailySweep {
  day: string;
  watermark: string;
  asOf: string;
  /** Sweeps in flight at once (the worker's activity slots; 1 = one after another). */
  slots: number;
  /** Elapsed time of the whole day's sweep. */
  totalMs: number;
  /** The rules' own times added up: what the day costs one sweep at a time. */
  ruleMsSum: number;
  events: number;
  /** Of `totalMs`, the time spent handing mail to the SMTP server (told apart only with one slot: side by side, sends overlap). */
  mailMs: number;
  rules: RuleSweep[];
}

/** A mailer that also adds up the time its `send` calls take. */
export interface TimedMailer extends Mailer {
  readonly sendMs: number;
}

/** Wraps `mailer` so that the sweep's time can be split into judging and mail delivery. */
export function timedMailer(mailer: Mailer): TimedMailer {
  let sendMs = 0;
  return {
    get sendMs() {
      return sendMs;
    },
    async send(mail) {
      const started = process.hrtime.bigint();
      try {
        return await mailer.send(mail);
      } finally {
        sendMs += Number(process.hrtime.bigint() - started) / 1e6;
      }
    },
    close: () => mailer.close(),
  };
}

/**
 * Runs the real sweep activity of every swept event-relative rule (optionally only those whose
 * check is in `checks`) for one day: the watermark is 00:00 of `day` in the region's zone and the
 * sweep runs at 00:00 of the next day, so it judges exactly the events whose deadline passed during
 * `day`, opens their cases and sends the notices due. Every rule's watermark is set first; then the
 * sweeps run `slots` at a time, as a worker with that many activity slots runs the rules' sweep
 * workflows when they fall due together. Cases and notices the sweep writes stay (the caller clears
 * them between runs).
 */
export async function measureDailySweep(deps: SweepDeps & { mailer: TimedMailer }, bench: BenchRegulations, day: string, checks: readonly string[] | undefined, slots: number): Promise<DailySweep> {
  const jobs: { regulation: BenchRegulations['regulations'][number]; rule: BenchRegulations['regulations'][number]['rules'][number]; asOf: string }[] = [];
  let watermark = '';
  let asOf = '';
  for (const regulation of bench.regulations) {
    for (const rule of regulation.rules) {
      if (driverKind(rule) !== 'sweep' || (checks && !checks.includes(rule.check.name))) continue;
      watermark = DateTime.fromISO(day, { zone: regulation.timezone }).toUTC().toISO()!;
      asOf = DateTime.fromISO(day, { zone: regulation.timezone }).plus({ days: 1 }).toUTC().toISO()!;
      await setWatermark(deps.pool, regulation.id, rule.id, watermark);
      jobs.push({ regulation, rule, asOf });
    }
  }
  // Mail time is told apart only when sweeps run one at a time: side by side, their sends overlap.
  const limit = pLimit(slots);
  const started = process.hrtime.bigint();
  const rules = await Promise.all(jobs.map(({ regulation, rule, asOf: ruleAsOf }) => limit(async (): Promise<RuleSweep> => {
    const { rules: _all, ...header } = regulation;
    const t0 = process.hrtime.bigint();
    const startMs = Number(t0 - started) / 1e6;
    const mailBefore = deps.mailer.sendMs;
    const mailMs = () => (slots === 1 ? deps.mailer.sendMs - mailBefore : 0);
    const name = `${regulation.id}/${rule.id}`;
    try {
      const r = await sweepEventRule(deps, { regulation: header, rule, asOf: ruleAsOf, backfillDays: 0 });
      return { rule: name, check: rule.check.name, startMs, ms: msSince(t0), events: r.met + r.metLate + r.opened, opened: r.opened, mails: r.mailsSent, mailMs: mailMs() };
    } catch (err) {
      return { rule: name, check: rule.check.name, startMs, ms: msSince(t0), events: 0, opened: 0, mails: 0, mailMs: mailMs(), error: errorText(err) };
    }
  })));
  const totalMs = msSince(started);
  return { day, watermark, asOf, slots, totalMs, ruleMsSum: rules.reduce((s, r) => s + r.ms, 0), events: rules.reduce((s, r) => s + r.events, 0), mailMs: rules.reduce((s, r) => s + r.mailMs, 0), rules };
}

/** Milliseconds since `t0` (`process.hrtime.bigint()`). */
export const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** The first line of an error's message (no data: PostgreSQL errors name columns, not values). */
export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 200);
}

async function setWatermark(pool: DatabasePool, regulationId: string, ruleId: string, at: string): Promise<void> {
  await pool.query(sql.unsafe`
    INSERT INTO sweep_watermarks (regulation_id, rule_id, watermark) VALUES (${regulationId}, ${ruleId}, ${at}::timestamptz)
    ON CONFLICT (regulation_id, rule_id) DO UPDATE SET watermark = EXCLUDED.watermark`);
}

/**
 * Empties what sweeps and steps write (cases, notices, queued digest parts, audit, watermarks) in
 * the benchmark's own database, so every run starts from the same state. Never point this at a
 * real database.
 */
export async function clearEngineState(pool: DatabasePool): Promise<void> {
  await pool.query(sql.unsafe`TRUNCATE obligation_cases, audit_events, sweep_watermarks, outbox_parts CASCADE`);
}
