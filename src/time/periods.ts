import { DateTime } from 'luxon';
import type { CalendarData } from './calendarData.js';
import { addDays, daysInMonth, isIsoDate, isoDate, toEpochDay } from './isoDate.js';
import { isWorkingDay } from './workingDays.js';

/**
 * Reporting periods: months, ISO weeks, calendar quarters, the academic year and its quarters and
 * semesters. All dates are local calendar days (`YYYY-MM-DD`), inclusive at both ends. Pure.
 */

export type PeriodKind = 'month' | 'iso_week' | 'quarter' | 'academic_year' | 'academic_quarter' | 'academic_semester';

/** A period with a stable id: `2024-09`, `2024-W36`, `2024-Q3`, `2024/2025`, `2024/2025-Q1`, `2024/2025-S1`. */
export interface Period {
  kind: PeriodKind;
  id: string;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

/** A part of the academic year given by month and day (`MM-DD`), inclusive. */
export interface AcademicPart {
  start: string;
  end: string;
}

/**
 * How the academic year is divided. Parts are listed in order from the start of the academic year; a
 * part whose `MM-DD` is before `yearStart` falls in the second calendar year. Gaps between parts
 * (holidays) are allowed: a date in a gap belongs to no quarter or semester.
 */
export interface AcademicTerms {
  /** `MM-DD` on which the academic year starts; default `09-01` (Law on Education, art. 28 practice). */
  yearStart?: string;
  quarters?: AcademicPart[];
  semesters?: AcademicPart[];
}

/**
 * Defaults: the academic year is 1 September – 31 August. Quarters and semesters tile the whole year,
 * so that every date has a period and "the quarter after" is always defined; schools with holiday gaps
 * pass their own parts.
 * - quarters: 01.09–31.10, 01.11–31.12, 01.01–31.03, 01.04–31.08 (summer belongs to the 4th quarter);
 * - semesters: 01.09–31.12, 01.01–31.08.
 */
export const DEFAULT_ACADEMIC_TERMS: Required<AcademicTerms> = {
  yearStart: '09-01',
  quarters: [
    { start: '09-01', end: '10-31' },
    { start: '11-01', end: '12-31' },
    { start: '01-01', end: '03-31' },
    { start: '04-01', end: '08-31' },
  ],
  semesters: [
    { start: '09-01', end: '12-31' },
    { start: '01-01', end: '08-31' },
  ],
};

/** Thrown for a malformed period id, a bad date, bad academic terms, or a date in an academic gap. */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/** The period of `kind` that contains `date`. Throws `PeriodError` (bad date, or a date in a holiday gap). */
export function periodContaining(kind: PeriodKind, date: string, terms?: AcademicTerms): Period {
  checkDate(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  switch (kind) {
    case 'month':
      return monthPeriod(y, m);
    case 'quarter':
      return quarterPeriod(y, Math.ceil(m / 3));
    case 'iso_week': {
      const dt = DateTime.fromISO(date, { zone: 'utc' });
      return isoWeekPeriod(dt.weekYear, dt.weekNumber);
    }
    case 'academic_year':
      return academicYearPeriod(academicYearOf(date, terms), terms);
    case 'academic_quarter':
    case 'academic_semester': {
      const found = academicParts(kind, academicYearOf(date, terms), terms).find((p) => p.start <= date && date <= p.end);
      if (!found) throw new PeriodError(`Дата ${date} не входит ни в одну ${kind === 'academic_quarter' ? 'учебную четверть' : 'полугодие'} (каникулы)`);
      return found;
    }
  }
}

/**
 * The period with the given id (`2024-09`, `2024-W36`, `2024-Q3`, `2024/2025`, `2024/2025-Q1`,
 * `2024/2025-S2`). Throws `PeriodError` for an unknown or impossible id.
 */
export function periodById(id: string, terms?: AcademicTerms): Period {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(id))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw new PeriodError(`Нет месяца ${m[2]} в идентификаторе «${id}»`);
    return monthPeriod(Number(m[1]), month);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(id))) return quarterPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-W(\d{2})$/.exec(id))) {
    const week = Number(m[2]);
    const weeks = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: 1 }, { zone: 'utc' }).weeksInWeekYear;
    if (week < 1 || week > weeks) throw new PeriodError(`В ${m[1]} году ${weeks} ISO-недель, а не ${week}: «${id}»`);
    return isoWeekPeriod(Number(m[1]), week);
  }
  if ((m = /^(\d{4})\/(\d{4})(?:-([QS])(\d+))?$/.exec(id))) {
    const first = Number(m[1]);
    if (Number(m[2]) !== first + 1) throw new PeriodError(`Учебный год «${id}» должен охватывать два соседних года`);
    if (!m[3]) return academicYearPeriod(first, terms);
    const parts = academicParts(m[3] === 'Q' ? 'academic_quarter' : 'academic_semester', first, terms);
    const part = parts[Number(m[4]) - 1];
    if (!part) throw new PeriodError(`В учебном году ${parts.length} ${m[3] === 'Q' ? 'четвертей' : 'полугодий'}: «${id}»`);
    return part;
  }
  throw new PeriodError(`Неизвестный идентификатор периода «${id}»: ожидается 2024-09, 2024-W36, 2024-Q3, 2024/2025, 2024/2025-Q1 или 2024/2025-S1`);
}

/** All periods of `kind` that overlap the inclusive range [from, to], in order. Throws `PeriodError`. */
export function periodsOverlapping(kind: PeriodKind, from: string, to: string, terms?: AcademicTerms): Period[] {
  checkDate(from);
  checkDate(to);
  if (to < from) return [];
  const result: Period[] = [];
  if (kind === 'academic_quarter' || kind === 'academic_semester') {
    for (let ay = academicYearOf(from, terms) - 1; ay <= academicYearOf(to, terms); ay++) {
      for (const p of academicParts(kind, ay, terms)) if (p.end >= from && p.start <= to) result.push(p);
    }
    return result;
  }
  for (let p = periodContaining(kind, from, terms); p.start <= to; p = periodContaining(kind, addDays(p.end, 1), terms)) result.push(p);
  return result;
}

/**
 * "By day D of the month after the period": day `day` of the month following the period's end,
 * clamped to the month's last day (D = 31 in February gives the 28th/29th). Throws `PeriodError`
 * for D outside 1–31. Moving a non-working day is left to the caller (`nextWorkingDay`), because
 * regulations differ on it.
 */
export function dayOfMonthAfter(period: Period, day: number): string {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new PeriodError(`День месяца должен быть от 1 до 31, а не ${day}`);
  let y = Number(period.end.slice(0, 4));
  let m = Number(period.end.slice(5, 7)) + 1;
  if (m === 13) {
    y += 1;
    m = 1;
  }
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** "Last calendar day of the period": its inclusive end date. */
export function lastCalendarDay(period: Period): string {
  return period.end;
}

/**
 * "Last working day of the period" (for a month: the last working day of the month). Throws
 * `PeriodError` if the period has no working day at all.
 */
export function lastWorkingDayOfPeriod(cal: CalendarData, period: Period): string {
  for (let d = period.end; d >= period.start; d = addDays(d, -1)) if (isWorkingDay(cal, d)) return d;
  throw new PeriodError(`В периоде ${period.id} нет рабочих дней`);
}

/** "On the 1st of each month": every first day of a month within [from, to], in order. Throws `PeriodError`. */
export function firstDaysOfMonths(from: string, to: string): string[] {
  return periodsOverlapping('month', from, to)
    .map((p) => p.start)
    .filter((d) => d >= from);
}

/** Academic year (its first calendar year) that contains `date`: 2024 for 2025-03-01 → "2024/2025". */
export function academicYearOf(date: string, terms?: AcademicTerms): number {
  checkDate(date);
  const y = Number(date.slice(0, 4));
  return date.slice(5) >= resolveTerms(terms).yearStart ? y : y - 1;
}

function monthPeriod(y: number, m: number): Period {
  return { kind: 'month', id: `${y}-${String(m).padStart(2, '0')}`, start: isoDate(y, m, 1), end: isoDate(y, m, daysInMonth(y, m)) };
}

function quarterPeriod(y: number, q: number): Period {
  const firstMonth = (q - 1) * 3 + 1;
  return { kind: 'quarter', id: `${y}-Q${q}`, start: isoDate(y, firstMonth, 1), end: isoDate(y, firstMonth + 2, daysInMonth(y, firstMonth + 2)) };
}

function isoWeekPeriod(weekYear: number, week: number): Period {
  const monday = DateTime.fromObject({ weekYear, weekNumber: week, weekday: 1 }, { zone: 'utc' });
  const start = monday.toISODate()!;
  return { kind: 'iso_week', id: `${weekYear}-W${String(week).padStart(2, '0')}`, start, end: addDays(start, 6) };
}

function academicYearPeriod(first: number, terms?: AcademicTerms): Period {
  const start = `${first}-${resolveTerms(terms).yearStart}`;
  const next = `${first + 1}-${resolveTerms(terms).yearStart}`;
  return { kind: 'academic_year', id: `${first}/${first + 1}`, start: validDate(start), end: addDays(validDate(next), -1) };
}

function academicParts(kind: 'academic_quarter' | 'academic_semester', first: number, terms?: AcademicTerms): Period[] {
  const resolved = resolveTerms(terms);
  const parts = kind === 'academic_quarter' ? resolved.quarters : resolved.semesters;
  const prefix = kind === 'academic_quarter' ? 'Q' : 'S';
  const inYear = (mmdd: string) => validDate(`${mmdd >= resolved.yearStart ? first : first + 1}-${mmdd}`);
  const periods = parts.map((p, i) => ({ kind, id: `${first}/${first + 1}-${prefix}${i + 1}`, start: inYear(p.start), end: inYear(p.end) }));
  periods.forEach((p, i) => {
    if (p.end < p.start) throw new PeriodError(`Часть учебного года ${p.id} заканчивается раньше, чем начинается`);
    if (i > 0 && p.start <= periods[i - 1]!.end) throw new PeriodError(`Части учебного года ${periods[i - 1]!.id} и ${p.id} пересекаются или идут не по порядку`);
  });
  return periods;
}

function resolveTerms(terms?: AcademicTerms): Required<AcademicTerms> {
  const resolved = { ...DEFAULT_ACADEMIC_TERMS, ...(terms ?? {}) };
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(resolved.yearStart)) throw new PeriodError(`Начало учебного года должно быть в виде ММ-ДД: «${resolved.yearStart}»`);
  return resolved;
}

function validDate(date: string): string {
  // 29 February only exists in leap years; a part ending on it ends on the 28th otherwise.
  if (date.endsWith('-02-29') && !isIsoDate(date)) return `${date.slice(0, 4)}-02-28`;
  if (!isIsoDate(date)) throw new PeriodError(`Некорректная дата в настройках учебного года: ${date}`);
  return date;
}

function checkDate(date: string): void {
  if (!isIsoDate(date)) throw new PeriodError(`Некорректная дата «${date}»: ожидается ГГГГ-ММ-ДД`);
  toEpochDay(date);
}
