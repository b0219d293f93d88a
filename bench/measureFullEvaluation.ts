import { DateTime } from 'luxon';
import pLimit from 'p-limit';
import type { DatabasePool } from 'slonik';
import { eventCheckForRule } from '../src/checks/event/register/eventCheckForRule.js';
import { duesBy, sweepRange } from '../src/checks/event/sweepRange.js';
import type { PeriodCheckInput } from '../src/checks/period/periodCheck.js';
import { PERIOD_CHECKS } from '../src/checks/period/periodChecks.js';
import { periodWorkingDays } from '../src/checks/period/records/periodWorkingDays.js';
import { driverKind } from '../src/execution/applyRegulations.js';
import { planRegulation } from '../src/plan/planRegulation.js';
import type { BenchRegulations } from './benchRegulations.js';
import { errorText, msSince } from './measureDailySweep.js';

/** Time and volume of one check (or one rule) over the whole evaluation. */
export interface CheckCost {
  name: string;
  ms: number;
  /** Evaluations (period: occurrence × tier; event: one full sweep). */
  calls: number;
  /** Subjects judged (organisations, municipalities, events). */
  subjects: number;
  /** Judged by the manual-confirmation fallback (the named check has no SQL yet). */
  fallback?: boolean;
  /** Evaluations that failed, with the first error (reported; the evaluation goes on). */
  failures?: number;
  error?: string;
}

/** What the full evaluation measured. */
export interface FullEvaluation {
  range: { from: string; to: string };
  /** Evaluations in flight at once (the worker's activity slots; 1 = one after another). */
  slots: number;
  /** Elapsed time of the whole evaluation. */
  totalMs: number;
  /** The evaluations' own times added up: what the evaluation costs one at a time. */
  evaluationMsSum: number;
  /** Of `evaluationMsSum`, the period checks' and the event sweeps' shares. */
  periodMs: number;
  eventMs: number;
  periodEvaluations: number;
  periodSubjects: number;
  eventSubjects: number;
  byCheck: CheckCost[];
  byRule: CheckCost[];
}

/** Thrown to roll back an evaluation transaction: the benchmark measures judging, not storing. */
class Rollback extends Error {}

/**
 * Evaluates every check over the academic year `range` the way the engine does, without storing
 * verdicts or sending mail: each period rule's occurrences (from `planRegulation`) × each tier, by
 * the rule's registered period check (or the manual-confirmation fallback, as the occurrence step
 * does), at the tier's deadline; and each swept event rule from the start of the year to its end
 * (`candidateEventDates` + `evaluateNew` in a transaction that is rolled back). The evaluations run
 * `slots` at a time, as a worker with that many activity slots runs occurrence steps and sweeps.
 * Checks are taken from the registries at run time, so new ones are included. `only` restricts both
 * to those check names.
 */
export async function measureFullEvaluation(pool: DatabasePool, bench: BenchRegulations, range: { from: string; to: string }, only: readonly string[] | undefined, slots: number): Promise<FullEvaluation> {
  const byCheck = new Map<string, CheckCost>();
  const byRule = new Map<string, CheckCost>();
  const add = (into: Map<string, CheckCost>, name: string, ms: number, subjects: number, fallback?: boolean, error?: string) => {
    const c = into.get(name) ?? { name, ms: 0, calls: 0, subjects: 0, ...(fallback ? { fallback } : {}) };
    c.ms += ms;
    c.calls++;
    c.subjects += subjects;
    if (error) (c.failures = (c.failures ?? 0) + 1), (c.error ??= error);
    into.set(name, c);
  };
  const totals = { periodMs: 0, periodEvaluations: 0, periodSubjects: 0, eventMs: 0, eventSubjects: 0 };
  const periodJobs: (() => Promise<void>)[] = [];
  const eventJobs: (() => Promise<void>)[] = [];
  for (const regulation of bench.regulations) {
    const calendar = bench.calendars[regulation.calendar]!;
    for (const o of planRegulation(regulation, calendar, range)) {
      const rule = regulation.rules.find((r) => r.id === o.ruleId);
      if (!rule || driverKind(rule) !== 'driver' || o.deadlines.length === 0) continue;
      if (only && !only.includes(rule.check.name)) continue;
      const implemented = PERIOD_CHECKS[rule.check.name];
      const check = implemented ?? PERIOD_CHECKS.manual!;
      for (const d of o.deadlines) {
        const input: PeriodCheckInput = {
          ruleKey: { regulationId: regulation.id, ruleId: rule.id }, region: regulation.region, params: rule.check.params,
          organisationTypes: rule.scope.organisationTypes, municipalities: rule.scope.municipalities, subjectScope: rule.deadlines[d.tier]!.role.scope,
          period: { id: o.period.id, start: o.period.start, end: o.period.end }, dueAt: d.due, asOf: d.due, windowOpensAt: o.windowOpens,
          timezone: regulation.timezone, workingDays: periodWorkingDays(calendar, o.period.start, o.period.end),
        };
        periodJobs.push(async () => {
          const started = process.hrtime.bigint();
          let judged = 0;
          let error: string | undefined;
          try {
            judged = (await check.evaluate(pool, input)).length;
          } catch (err) {
            error = errorText(err);
          }
          const ms = msSince(started);
          add(byCheck, implemented ? rule.check.name : `${rule.check.name} (manual)`, ms, judged, !implemented, error);
          add(byRule, `${regulation.id}/${rule.id}`, ms, judged);
          totals.periodMs += ms;
          totals.periodEvaluations++;
          totals.periodSubjects += judged;
        });
      }
    }
  }
  for (const regulation of bench.regulations) {
    const calendar = bench.calendars[regulation.calendar]!;
    for (const rule of regulation.rules) {
      if (driverKind(rule) !== 'sweep' || (only && !only.includes(rule.check.name))) continue;
      eventJobs.push(async () => {
        const { ms, subjects, error } = await fullSweep(pool, bench, regulation.id, rule.id, range, calendar);
        add(byCheck, rule.check.name, ms, subjects, false, error);
        add(byRule, `${regulation.id}/${rule.id}`, ms, subjects, false, error);
        totals.eventMs += ms;
        totals.eventSubjects += subjects;
      });
    }
  }
  // The year-long event sweeps go first, so that no slot is left alone with one at the end.
  const limit = pLimit(slots);
  const started = process.hrtime.bigint();
  await Promise.all([...eventJobs, ...periodJobs].map((job) => limit(job)));
  return {
    range, slots, totalMs: msSince(started), evaluationMsSum: totals.periodMs + totals.eventMs, ...totals,
    byCheck: [...byCheck.values()].sort((a, b) => b.ms - a.ms), byRule: [...byRule.values()].sort((a, b) => b.ms - a.ms),
  };
}

/** One event rule swept over the whole range in a rolled-back transaction; returns its time and the events judged. */
async function fullSweep(pool: DatabasePool, bench: BenchRegulations, regulationId: string, ruleId: string, range: { from: string; to: string }, calendar: BenchRegulations['calendars'][string]): Promise<{ ms: number; subjects: number; error?: string }> {
  const regulation = bench.regulations.find((r) => r.id === regulationId)!;
  const rule = regulation.rules.find((r) => r.id === ruleId)!;
  // As the sweep activity does: a `manual` rule's check is built for the rule, others are looked up by name.
  const check = eventCheckForRule(rule)!;
  const watermark = DateTime.fromISO(range.from, { zone: regulation.timezone }).toUTC().toISO()!;
  const asOf = DateTime.fromISO(range.to, { zone: regulation.timezone }).plus({ days: 1 }).toUTC().toISO()!;
  // The window, dates and deadlines exactly as the sweep activity reads them.
  const { window, earliest, term } = sweepRange(regulation, rule, calendar, watermark, asOf);
  let ms = 0;
  let subjects = 0;
  const started = process.hrtime.bigint();
  try {
    await pool.transaction(async (tx) => {
      const dates = await check.candidateEventDates(tx, window, earliest, rule.check.params);
      const dues = duesBy(term, regulation.timezone, calendar, dates, asOf).map((d) => d.due);
      const r = dues.length ? await check.evaluateNew(tx, window, dues, rule.check.params) : { met: 0, met_late: 0, opened: 0 };
      ms = Number(process.hrtime.bigint() - started) / 1e6;
      subjects = r.met + r.met_late + r.opened;
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) return { ms: Number(process.hrtime.bigint() - started) / 1e6, subjects: 0, error: errorText(err) };
  }
  return { ms, subjects };
}
