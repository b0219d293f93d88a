import type { CompiledRegulation, CompiledRule, DueSpec, Trigger } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { addDays, daysBetween, formatRu, isIsoDate, yearOf } from '../time/isoDate.js';
import type { Term } from '../time/term.js';
import { describeEventRule } from './describeEventRule.js';
import { startOfLocalDay } from './localDay.js';
import type { Occurrence, OccurrenceKind, OccurrencePeriod, PlannedDeadline } from './occurrence.js';
import { DEFAULT_MAX_REPEATS, planEscalations } from './planEscalations.js';
import { academicYearPeriod, recurringPeriods, yearPeriod } from './planPeriods.js';
import { planReminders } from './planReminders.js';
import { isProvisionalYear } from './provisionalYears.js';
import { monthDayIn, resolveDue, resolveOpening, type DueContext } from './resolveDue.js';

/** The inclusive range of local days a plan covers. */
export interface PlanRange {
  from: string;
  to: string;
}

/** Tuning of `planRegulation`. */
export interface PlanOptions {
  /** Most repeats of a ladder's last step listed per deadline (default 10); repeats also stop at the range's end. */
  maxRepeats?: number;
}

/** Thrown for a range whose ends are not `YYYY-MM-DD` dates or whose end precedes its start. */
export class PlanRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanRangeError';
  }
}

/** In-force interval of a rule (inclusive local days): the regulation's `effective` narrowed by the rule's `active`. */
export interface InForce {
  from: string;
  to?: string;
}

/** What differs between the kinds of dated occurrences. */
interface DatedInput {
  kind: OccurrenceKind;
  period: OccurrencePeriod;
  dateOf(text: string): string | undefined;
  /** How the window's `date` resolves, given the earliest named deadline day (annual rules: the latest such day not after it). */
  windowDateOf?(text: string, deadline: string): string | undefined;
  mapDue?(due: DueSpec): DueSpec;
  conditional?: Occurrence['conditional'];
}

/** Everything one rule's planning needs. */
interface RulePlan {
  regulation: CompiledRegulation;
  rule: CompiledRule;
  cal: CalendarData;
  range: PlanRange;
  force: InForce;
  maxRepeats: number;
  base: Omit<Occurrence, 'id' | 'kind' | 'period' | 'windowOpens' | 'deadlines' | 'reminders' | 'escalations' | 'provisional'>;
  out: Occurrence[];
}

/** How far beyond a range periods are enumerated, at most: a longer term reaches no further. */
const MAX_MARGIN_DAYS = 3660;
/** Room for a last day moved off the New Year holidays and similar runs of days off. */
const MOVE_SLACK_DAYS = 20;

/**
 * Lists every occurrence of every rule of `regulation` whose deadline (any tier's last day) or
 * window opening falls in `range` (inclusive local days), computed on `calendar` in the regulation's
 * zone. Pure: no clock, no I/O.
 *
 * - annual: one occurrence per academic year (`MM-DD` from September to December in its first
 *   calendar year, January–August in its second) or calendar year; the window opens on the latest
 *   such date not after the earliest deadline (so «с 1 декабря» before «до 15 января» is in December);
 * - once: its year; recurring: every period (days, ISO weeks, months — only `months` if given —,
 *   quarters, academic quarters and semesters, academic and calendar years);
 * - campaign: per campaign year an opening (a moment, no deadline), a closing (deadlines counted
 *   from the closing day) and, with an extension, the extension's end (deadlines counted from it; a
 *   fixed `date` stands for the extension's end there), marked `conditional` on the extension check;
 *   `MM-DD` closing and extension days are the first such days on or after the opening (closing);
 *   other `MM-DD` dates of a campaign rule take the year nearest to the campaign;
 * - after_event, before_event, after_rule: one occurrence of kind `event` without dates, with the
 *   term described in Russian, when the rule is in force at some point of the range.
 * Each tier's deadline is resolved by `resolveDue`, its reminders by `planReminders` and its ladder
 * by `planEscalations` (repeats stop at the range's end or after `maxRepeats`). An occurrence is in
 * force when its earliest named deadline day lies within the regulation's `effective` period and
 * the rule's `active` period. Sorted by the earliest deadline (or opening), event rules last.
 * Throws `PlanRangeError` for a bad range, `ZoneError` for an unknown zone.
 */
export function planRegulation(regulation: CompiledRegulation, calendar: CalendarData, range: PlanRange, options: PlanOptions = {}): Occurrence[] {
  checkRange(range);
  const out: Occurrence[] = [];
  const basis = basisOf(regulation);
  for (const rule of regulation.rules) {
    const plan: RulePlan = {
      regulation, rule, cal: calendar, range, out, maxRepeats: options.maxRepeats ?? DEFAULT_MAX_REPEATS, force: ruleInForce(regulation, rule),
      base: {
        regulationId: regulation.id, regulationTitle: regulation.title, basis, ruleId: rule.id, title: rule.title, citation: rule.citation,
        region: regulation.region, timezone: regulation.timezone, calendar: calendar.id, scope: rule.scope,
        who: rule.deadlines.map((d, tier) => ({ tier, ...d.role })),
      },
    };
    planRule(plan, rule.trigger);
  }
  return sortOccurrences(out);
}

/**
 * Orders occurrences by their first moment — the earliest deadline, or the opening when there is
 * none — then by id; event rules (no moment) come last in their given order. Returns a new array.
 */
export function sortOccurrences(occurrences: Occurrence[]): Occurrence[] {
  const key = (o: Occurrence): number => {
    const times = o.deadlines.map((d) => Date.parse(d.due));
    if (times.length === 0 && o.windowOpens) times.push(Date.parse(o.windowOpens));
    return times.length ? Math.min(...times) : Number.POSITIVE_INFINITY;
  };
  return occurrences
    .map((o, i) => ({ o, i, k: key(o) }))
    .sort((a, b) => a.k - b.k || (a.k === Number.POSITIVE_INFINITY ? a.i - b.i : a.o.id < b.o.id ? -1 : a.o.id > b.o.id ? 1 : 0))
    .map((x) => x.o);
}

/** Throws `PlanRangeError` unless `range` is two real dates in order. */
export function checkRange(range: PlanRange): void {
  for (const [name, value] of [['from', range.from], ['to', range.to]] as const) {
    if (typeof value !== 'string' || !isIsoDate(value)) throw new PlanRangeError(`Некорректная дата ${name === 'from' ? 'начала' : 'конца'} периода «${String(value)}»: ожидается ГГГГ-ММ-ДД`);
  }
  if (range.to < range.from) throw new PlanRangeError(`Конец периода ${range.to} раньше его начала ${range.from}`);
}

function planRule(plan: RulePlan, t: Trigger): void {
  const { range } = plan;
  switch (t.kind) {
    case 'after_event':
    case 'before_event':
    case 'after_rule':
      planEventRule(plan);
      return;
    case 'annual': {
      const academic = t.year === 'academic';
      for (let y = yearOf(range.from) - 2; y <= yearOf(range.to) + 1; y++) {
        dated(plan, {
          kind: 'period',
          period: academic ? academicYearPeriod(y) : yearPeriod(y),
          dateOf: (text) => (isFullDate(text) ? text : monthDayIn(academic && text < '09-01' ? y + 1 : y, text)),
          windowDateOf: (text, deadline) => {
            if (isFullDate(text)) return text;
            const sameYear = monthDayIn(yearOf(deadline), text);
            return sameYear <= deadline ? sameYear : monthDayIn(yearOf(deadline) - 1, text);
          },
        });
      }
      return;
    }
    case 'once': {
      const y = t.year;
      const period: OccurrencePeriod = { ...yearPeriod(y), kind: 'once' };
      dated(plan, { kind: 'period', period, dateOf: (text) => (isFullDate(text) ? text : monthDayIn(y, text)) });
      return;
    }
    case 'recurring': {
      const { before, after } = margins(plan.rule);
      for (const period of recurringPeriods(t.period, addDays(range.from, -after), addDays(range.to, before), t.months)) {
        dated(plan, { kind: 'period', period, dateOf: (text) => dateInPeriod(text, period) });
      }
      return;
    }
    case 'campaign':
      planCampaign(plan, t);
      return;
  }
}

function planCampaign(plan: RulePlan, t: Extract<Trigger, { kind: 'campaign' }>): void {
  const { range, regulation, rule, cal } = plan;
  const years = typeof t.year === 'number' ? [t.year] : Array.from({ length: yearOf(range.to) - yearOf(range.from) + 3 }, (_, i) => yearOf(range.from) - 1 + i);
  for (const y of years) {
    const opens = isFullDate(t.opens) ? t.opens : monthDayIn(y, t.opens);
    const closes = onOrAfter(t.closes, opens);
    const extension = t.extension ? onOrAfter(t.extension.until, closes) : undefined;
    const end = extension ?? closes;
    const dateOf = (text: string) => (isFullDate(text) ? text : nearestTo(text, opens, end));
    const name = `кампания ${y} года`;

    if (within(plan.force, opens) && inRange(range, opens)) {
      plan.out.push({
        ...plan.base,
        id: `${regulation.id}/${rule.id}/${y}-opening`,
        kind: 'campaign_opening',
        period: { kind: 'campaign', id: `${y}-opening`, label: `${name}: начало`, start: opens, end: closes },
        windowOpens: startOfLocalDay(opens, regulation.timezone),
        deadlines: [],
        reminders: [],
        escalations: [],
        provisional: isProvisionalYear(cal, yearOf(opens)),
      });
    }
    dated(plan, { kind: 'campaign_closing', period: { kind: 'campaign', id: String(y), label: name, start: opens, end: closes }, dateOf });
    if (t.extension && extension) {
      dated(plan, {
        kind: 'campaign_extension',
        period: { kind: 'campaign', id: `${y}-extension`, label: `${name}: продление до ${formatRu(extension)}`, start: opens, end: extension },
        dateOf,
        // A fixed date does not move with an extension; what the extension adds is its own end.
        mapDue: (due) => (due.kind === 'date' ? { kind: 'period_end', until: due.until, moveToWorkingDay: due.moveToWorkingDay } : due),
        conditional: { check: t.extension.while.name, text: `только если кампания продлена (проверка «${t.extension.while.name}»)` },
      });
    }
  }
}

function planEventRule(plan: RulePlan): void {
  const { force, range, regulation, rule } = plan;
  if (force.from > range.to || (force.to !== undefined && force.to < range.from)) return;
  const start = force.from > range.from ? force.from : range.from;
  const end = force.to !== undefined && force.to < range.to ? force.to : range.to;
  const event = describeEventRule(regulation, rule);
  plan.out.push({
    ...plan.base,
    id: `${regulation.id}/${rule.id}/event`,
    kind: 'event',
    period: { kind: 'event', id: 'event', label: `по каждому событию: ${event.text}`, start, end },
    deadlines: [],
    reminders: [],
    escalations: [],
    provisional: false,
    event,
  });
}

/** Builds one dated occurrence and adds it when it is in force and touches the range. */
function dated(plan: RulePlan, input: DatedInput): void {
  const { regulation, rule, cal, range } = plan;
  const zone = regulation.timezone;
  const ctx: DueContext = { period: input.period, zone, calendar: cal, dateOf: input.dateOf };
  const specs = rule.deadlines.map((d) => (input.mapDue ? input.mapDue(d.due) : d.due));
  // A cheap first pass finds the days; most candidate periods lie outside the range or the rule's
  // force and are dropped before any explanation is written.
  const days = specs.map((spec) => resolveDue(spec, ctx, { explain: false }));
  const resolved = days.filter((r): r is NonNullable<typeof r> => r !== undefined);
  if (resolved.length === 0) return;
  const earliest = resolved.reduce((min, d) => (d.namedDay < min ? d.namedDay : min), resolved[0]!.namedDay);
  if (!within(plan.force, earliest)) return;

  let opening: { day: string; at: string; provisional: boolean } | undefined;
  if (rule.window) {
    const windowDateOf = input.windowDateOf;
    opening = resolveOpening(rule.window, windowDateOf ? { ...ctx, dateOf: (text) => windowDateOf(text, earliest) } : ctx);
  }
  if (!resolved.some((d) => inRange(range, d.lastDay)) && !(opening && inRange(range, opening.day))) return;

  const deadlines: PlannedDeadline[] = [];
  specs.forEach((spec, tier) => {
    const r = days[tier] && resolveDue(spec, ctx);
    if (r) deadlines.push({ tier, role: rule.deadlines[tier]!.role, namedDay: r.namedDay, lastDay: r.lastDay, due: r.due, until: spec.until, moved: r.moved, provisional: r.provisional, explain: r.explain });
  });

  const reminders = deadlines.flatMap((d) => planReminders(rule.reminders, d, cal, zone)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.tier - b.tier);
  const escalations = deadlines.flatMap((d) => planEscalations(rule.escalation, d, cal, zone, range.to, plan.maxRepeats));
  const provisional = deadlines.some((d) => d.provisional) || !!opening?.provisional || reminders.some((r) => r.provisional) || escalations.some((e) => e.provisional);
  plan.out.push({
    ...plan.base,
    id: `${regulation.id}/${rule.id}/${input.period.id}`,
    kind: input.kind,
    period: input.period,
    ...(opening ? { windowOpens: opening.at } : {}),
    deadlines,
    reminders,
    escalations,
    provisional,
    ...(input.conditional ? { conditional: input.conditional } : {}),
  });
}

/** The interval a rule is in force: the later of the starts, the earlier of the ends (none: open-ended). Never throws. */
export function ruleInForce(regulation: CompiledRegulation, rule: CompiledRule): InForce {
  const froms = [regulation.effective.from, rule.active?.from].filter((d): d is string => d !== undefined);
  const tos = [regulation.effective.to, rule.active?.to].filter((d): d is string => d !== undefined);
  const from = froms.sort().at(-1)!;
  const to = tos.sort()[0];
  return to === undefined ? { from } : { from, to };
}

function within(force: InForce, day: string): boolean {
  return day >= force.from && (force.to === undefined || day <= force.to);
}

function inRange(range: PlanRange, day: string): boolean {
  return day >= range.from && day <= range.to;
}

function isFullDate(text: string): boolean {
  return /^\d{4}-/.test(text);
}

/** The first `MM-DD` day in the period, or a full date if it lies in it. */
function dateInPeriod(text: string, period: OccurrencePeriod): string | undefined {
  if (isFullDate(text)) return text >= period.start && text <= period.end ? text : undefined;
  for (let y = yearOf(period.start); y <= yearOf(period.end); y++) {
    const d = monthDayIn(y, text);
    if (d >= period.start && d <= period.end) return d;
  }
  return undefined;
}

/** The first `MM-DD` day on or after `min` (a full date is taken as it is). */
function onOrAfter(text: string, min: string): string {
  if (isFullDate(text)) return text;
  const d = monthDayIn(yearOf(min), text);
  return d >= min ? d : monthDayIn(yearOf(min) + 1, text);
}

/** The `MM-DD` day nearest to the interval [start, end] (inside it if possible; ties go to the earlier). */
function nearestTo(text: string, start: string, end: string): string {
  let best: { d: string; distance: number } | undefined;
  for (let y = yearOf(start) - 1; y <= yearOf(end) + 1; y++) {
    const d = monthDayIn(y, text);
    const distance = d < start ? daysBetween(d, start) : d > end ? daysBetween(end, d) : 0;
    if (!best || distance < best.distance) best = { d, distance };
  }
  return best!.d;
}

/** How many days before the range's start a period may end and still be due in it, and after its end a period may start. */
function margins(rule: CompiledRule): { before: number; after: number } {
  let before = 0;
  let after = 0;
  for (const spec of [...rule.deadlines.map((d) => d.due), ...(rule.window ? [rule.window] : [])]) {
    if (spec.kind === 'term') {
      if (spec.term.direction === 'after') after = Math.max(after, span(spec.term));
      else before = Math.max(before, span(spec.term));
    } else if (spec.kind === 'day_of_next_period') {
      after = Math.max(after, 62);
    } else if (spec.kind === 'date') {
      before = Math.max(before, 366);
      after = Math.max(after, 366);
    }
  }
  return { before: Math.min(before + MOVE_SLACK_DAYS, MAX_MARGIN_DAYS), after: Math.min(after + MOVE_SLACK_DAYS, MAX_MARGIN_DAYS) };
}

function span(term: Term): number {
  if (term.unit === 'hours') return Math.ceil(term.amount / 24) + 1;
  if (term.unit === 'days') return term.amount;
  return term.amount * 2 + 30;
}

function basisOf(regulation: CompiledRegulation): string {
  const s = regulation.source;
  const act = [s.act, s.date ? `от ${formatRu(s.date)}` : '', s.number ? `№ ${s.number}` : ''].filter(Boolean).join(' ');
  return `${act}${s.appendix ? `, ${s.appendix}` : ''} (${s.issuer})`;
}
