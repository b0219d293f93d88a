import type { DueSpec } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { addDays, daysInMonth, formatRu, isoDate, weekdayRu, yearOf } from '../time/isoDate.js';
import { dayOfMonthAfter } from '../time/periods.js';
import { computeDue, type ExplainStep } from '../time/term.js';
import { dayInfo } from '../time/workingDays.js';
import { calendarDays } from './calendarDays.js';
import { endOfLocalDay, formatUtc, localDateOf, startOfLocalDay } from './localDay.js';
import { termEndDay } from './termEndDay.js';
import type { OccurrencePeriod } from './occurrence.js';
import { isProvisionalYear, provisionalWarnings } from './provisionalYears.js';

/** What a deadline or window of one occurrence is resolved against. */
export interface DueContext {
  /** The period (or campaign phase) the occurrence is for; terms count from its end (after) or start (before). */
  period: OccurrencePeriod;
  zone: string;
  calendar: CalendarData;
  /** The local day a `date` anchor (`MM-DD` or `YYYY-MM-DD`) stands for in this occurrence, or undefined if none. */
  dateOf(text: string): string | undefined;
}

/** A deadline resolved to a day and an instant. */
export interface ResolvedDue {
  namedDay: string;
  lastDay: string;
  due: string;
  moved: boolean;
  provisional: boolean;
  explain: ExplainStep[];
}

/** A window opening resolved to a day and an instant. */
export interface ResolvedOpening {
  day: string;
  at: string;
  provisional: boolean;
}

/**
 * Resolves one deadline of one occurrence:
 * - the rule's anchor gives the named day: a `date`; the period's last day (`same_day`, `last_day`,
 *   `period_end`); its last working day; day D of the month after it (clamped to the month's end);
 *   day D of its first month (or of the next month when that day precedes the period's start);
 *   or a term counted from the period's end (a «… до» term: back from its start) by `computeDue`;
 * - `until: exclusive` makes the day before the named day the last day (the obligation must be met
 *   before the named day begins); `inclusive` keeps the named day;
 * - a non-working last day moves to the next working day (art. 193), or to the previous one for a
 *   «… до» term, unless `moveToWorkingDay` is false;
 * - the deadline passes at 24:00 of the last day in the region's zone; hour terms give the exact
 *   instant and ignore `until`.
 * Returns undefined when the anchor has no day in this period (no working day in it, a date outside
 * it). With `explain: false` the days and instant are the same but `explain` is empty and
 * `provisional` only looks at the named and last days — a cheap first pass over candidate periods.
 * Throws `ZoneError` for an unknown zone and `DueInputError` for a malformed term.
 */
export function resolveDue(spec: DueSpec, ctx: DueContext, options: { explain?: boolean } = {}): ResolvedDue | undefined {
  const explain = options.explain ?? true;
  if (spec.kind === 'term') return resolveTerm(spec, ctx, explain);
  const named = namedDay(spec, ctx);
  if (named === undefined) return undefined;
  if (!explain) return settleQuietly(named, spec, ctx, 'after');
  const steps: ExplainStep[] = [{ kind: 'event', date: named, text: `Срок по правилу: ${anchorText(spec, ctx.period)} — ${formatRu(named)} (${weekdayRu(named)}).` }];
  return settle(named, spec, ctx, steps, 'after');
}

/**
 * Resolves a window opening: the start (00:00 local) of the named day, never moved — a window that
 * opens on a day off is still open; hour terms give the exact instant. Returns undefined like
 * `resolveDue`; throws likewise.
 */
export function resolveOpening(spec: DueSpec, ctx: DueContext): ResolvedOpening | undefined {
  if (spec.kind === 'term') {
    const { event, anchor } = termEvent(spec, ctx);
    const r = computeDue({ event, zone: ctx.zone, term: spec.term, calendar: ctx.calendar, moveToWorkingDay: false });
    if (spec.term.unit === 'hours') return { day: localDateOf(r.due, ctx.zone), at: r.due, provisional: isProvisionalYear(ctx.calendar, yearOf(anchor)) };
    return { day: r.lastDay, at: startOfLocalDay(r.lastDay, ctx.zone), provisional: r.provisional };
  }
  const day = namedDay(spec, ctx);
  if (day === undefined) return undefined;
  return { day, at: startOfLocalDay(day, ctx.zone), provisional: isProvisionalYear(ctx.calendar, yearOf(day)) };
}

/** `MM-DD` in `year`; 29 February becomes 28 February in a common year. */
export function monthDayIn(year: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2));
  const day = Number(monthDay.slice(3, 5));
  return isoDate(year, month, Math.min(day, daysInMonth(year, month)));
}

function namedDay(spec: DueSpec, ctx: DueContext): string | undefined {
  const { period } = ctx;
  switch (spec.kind) {
    case 'date':
      return ctx.dateOf(spec.date);
    case 'same_day':
    case 'last_day':
    case 'period_end':
      return period.end;
    case 'day_of_next_period':
      return dayOfMonthAfter({ kind: 'month', id: period.id, start: period.start, end: period.end }, spec.day);
    case 'day_of_period': {
      // "На 1 число" of a period longer than a month is read as its first month's day D; a period
      // starting mid-month (an academic part) takes the next month's, so the day lies inside it.
      let y = yearOf(period.start);
      let m = Number(period.start.slice(5, 7));
      let d = isoDate(y, m, Math.min(spec.day, daysInMonth(y, m)));
      if (d < period.start) {
        [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
        d = isoDate(y, m, Math.min(spec.day, daysInMonth(y, m)));
      }
      return d <= period.end ? d : undefined;
    }
    case 'last_working_day': {
      // A day off, or a week of holidays, has no working day: nothing is due.
      const d = calendarDays(ctx.calendar).stepToWorkingDay(period.end, -1, true);
      return d >= period.start ? d : undefined;
    }
    case 'term':
      throw new Error('term anchors are resolved by resolveTerm');
  }
}

function anchorText(spec: DueSpec, period: OccurrencePeriod): string {
  switch (spec.kind) {
    case 'date':
      return `дата «${spec.date}» (${period.label})`;
    case 'same_day':
      return `день периода «${period.label}»`;
    case 'last_day':
      return `последний день периода «${period.label}»`;
    case 'period_end':
      return `окончание периода «${period.label}»`;
    case 'day_of_next_period':
      return `${spec.day} число месяца, следующего за периодом «${period.label}»`;
    case 'day_of_period':
      return `${spec.day} число месяца периода «${period.label}»`;
    case 'last_working_day':
      return `последний рабочий день периода «${period.label}»`;
    case 'term':
      return `${spec.termText} от периода «${period.label}»`;
  }
}

function termEvent(spec: Extract<DueSpec, { kind: 'term' }>, ctx: DueContext): { event: string; anchor: string } {
  const after = spec.term.direction === 'after';
  const anchor = after ? ctx.period.end : ctx.period.start;
  if (spec.term.unit !== 'hours') return { event: anchor, anchor };
  // Hours run from the instant the period ends (24:00 of its last day) or starts.
  return { event: after ? endOfLocalDay(anchor, ctx.zone) : startOfLocalDay(anchor, ctx.zone), anchor };
}

function resolveTerm(spec: Extract<DueSpec, { kind: 'term' }>, ctx: DueContext, explain: boolean): ResolvedDue {
  const { zone, calendar, period } = ctx;
  const after = spec.term.direction === 'after';
  const { event, anchor } = termEvent(spec, ctx);
  if (!explain && after && spec.term.unit !== 'hours') {
    const named = termEndDay(calendar, anchor, spec.term, false);
    if (spec.until === 'exclusive') return settleQuietly(named, spec, ctx, 'after');
    const last = spec.moveToWorkingDay ? termEndDay(calendar, anchor, spec.term, true) : named;
    return { namedDay: named, lastDay: last, due: endOfLocalDay(last, zone), moved: last !== named, provisional: isProvisionalYear(calendar, yearOf(last)), explain: [] };
  }
  const head: ExplainStep = {
    kind: 'event',
    date: anchor,
    text: `Срок отсчитывается от ${after ? 'окончания' : 'начала'} периода «${period.label}» (${formatRu(anchor)}): ${spec.termText}.`,
  };
  if (spec.term.unit === 'hours') {
    const r = computeDue({ event, zone, term: spec.term, calendar });
    return { namedDay: r.lastDay, lastDay: r.lastDay, due: r.due, moved: false, provisional: r.provisional, explain: [head, ...r.explain.slice(1)] };
  }
  if (spec.until === 'inclusive') {
    const r = computeDue({ event, zone, term: spec.term, calendar, moveToWorkingDay: spec.moveToWorkingDay });
    const named = r.explain.find((s) => s.kind === 'last_day')?.date ?? r.lastDay;
    return { namedDay: named, lastDay: r.lastDay, due: r.due, moved: named !== r.lastDay, provisional: r.provisional, explain: [head, ...r.explain.slice(1)] };
  }
  const r = computeDue({ event, zone, term: spec.term, calendar, moveToWorkingDay: false });
  const counted = r.explain.slice(1).filter((s) => s.kind !== 'due' && s.kind !== 'warning' && s.kind !== 'last_day');
  return settle(r.lastDay, spec, ctx, [head, ...counted], after ? 'after' : 'before');
}

/** `settle` without the explanation: the same days and instant. */
function settleQuietly(named: string, spec: DueSpec, ctx: DueContext, direction: 'after' | 'before'): ResolvedDue {
  const days = calendarDays(ctx.calendar);
  let last = spec.until === 'exclusive' ? days.addDays(named, -1) : named;
  const move = spec.moveToWorkingDay && !days.isWorking(last);
  if (move) last = days.stepToWorkingDay(last, direction === 'after' ? 1 : -1, false);
  const provisional = isProvisionalYear(ctx.calendar, yearOf(named)) || isProvisionalYear(ctx.calendar, yearOf(last));
  return { namedDay: named, lastDay: last, due: endOfLocalDay(last, ctx.zone), moved: move, provisional, explain: [] };
}

/** Applies `until` and moving to a named day and ends the explanation. */
function settle(named: string, spec: DueSpec, ctx: DueContext, explain: ExplainStep[], direction: 'after' | 'before'): ResolvedDue {
  const { calendar: cal, zone } = ctx;
  const years = new Set<number>([yearOf(named)]);
  let last = named;
  if (spec.until === 'exclusive') {
    last = addDays(named, -1);
    explain.push({
      kind: 'last_day',
      date: last,
      text: `«До» в строгом смысле (until: exclusive): исполнить до начала ${formatRu(named)}, последний день срока — ${formatRu(last)} (${weekdayRu(last)}).`,
    });
  } else {
    explain.push({ kind: 'last_day', date: last, text: `Последний день срока — ${formatRu(last)} (${weekdayRu(last)}).` });
  }
  years.add(yearOf(last));
  let moved = false;
  const info = dayInfo(cal, last);
  if (!info.working && !spec.moveToWorkingDay) {
    explain.push({ kind: 'last_day', date: last, text: `${formatRu(last)} — нерабочий день (${info.reason ?? 'выходной'}), но по правилу срок не переносится (move_to_working_day: false).` });
  } else if (!info.working) {
    const step = direction === 'after' ? 1 : -1;
    let d = last;
    for (let i = 0; ; i++) {
      const day = i === 0 ? info : dayInfo(cal, d);
      years.add(yearOf(d));
      if (day.working) break;
      if (i > 366) throw new Error(`Не найден рабочий день в пределах года от ${last}: проверьте данные календаря ${cal.id}`);
      explain.push({ kind: 'skip', date: d, text: `${formatRu(d)} (${weekdayRu(d)}) — не рабочий день: ${day.reason ?? 'выходной'}.` });
      d = addDays(d, step);
    }
    explain.push({
      kind: 'move',
      date: d,
      text:
        direction === 'after'
          ? `Последний день срока нерабочий — окончание срока переносится на ближайший следующий рабочий день ${formatRu(d)} (${weekdayRu(d)}) (ст. 193 ГК РФ).`
          : `Последний день срока нерабочий — чтобы срок «до» был соблюдён, последним днём становится предшествующий рабочий день ${formatRu(d)} (${weekdayRu(d)}).`,
    });
    last = d;
    moved = true;
  }
  const due = endOfLocalDay(last, zone);
  explain.push({ kind: 'due', date: last, text: `Срок истекает в 24:00 ${formatRu(last)} по времени ${zone} (${formatUtc(due)}) (ст. 194 ГК РФ).` });
  const provisional = provisionalWarnings(cal, years, explain);
  return { namedDay: named, lastDay: last, due, moved, provisional, explain };
}
