import type { PeriodKind } from '../regulation/model.js';
import { addDays, daysBetween, formatRu, isoDate, isoWeekday, toEpochDay, yearOf } from '../time/isoDate.js';
import { periodsOverlapping, type PeriodKind as TimePeriodKind } from '../time/periods.js';
import type { OccurrencePeriod } from './occurrence.js';

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** The rule language's period kinds that `src/time/periods.ts` knows under another name. */
const TIME_KIND: Partial<Record<PeriodKind, TimePeriodKind>> = {
  month: 'month',
  quarter: 'quarter',
  academic_quarter: 'academic_quarter',
  semester: 'academic_semester',
  academic_year: 'academic_year',
};

/**
 * Every period of `kind` overlapping the inclusive range [from, to], in order, with Russian labels;
 * `months` (1–12) keeps only monthly periods of those months. Academic quarters and semesters use
 * the default academic terms (`DEFAULT_ACADEMIC_TERMS`). Throws `PeriodError` on malformed dates.
 */
export function recurringPeriods(kind: PeriodKind, from: string, to: string, months?: number[]): OccurrencePeriod[] {
  if (to < from) return [];
  if (kind === 'day') {
    const out: OccurrencePeriod[] = [];
    for (let d = from, last = toEpochDay(to); toEpochDay(d) <= last; d = addDays(d, 1)) {
      out.push({ kind: 'day', id: d, label: formatRu(d), start: d, end: d });
    }
    return out;
  }
  if (kind === 'iso_week') return isoWeeks(from, to);
  if (kind === 'year') {
    const out: OccurrencePeriod[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) out.push(yearPeriod(y));
    return out;
  }
  const timeKind = TIME_KIND[kind];
  if (!timeKind) throw new Error(`unknown period kind ${String(kind)}`);
  const periods = periodsOverlapping(timeKind, from, to).map((p) => ({ kind, id: p.id, label: '', start: p.start, end: p.end }));
  const kept = months && kind === 'month' ? periods.filter((p) => months.includes(Number(p.id.slice(5, 7)))) : periods;
  for (const p of kept) p.label = periodLabelRu(kind, p.id);
  return kept;
}

/**
 * ISO weeks overlapping [from, to] by day arithmetic: a week belongs to the year of its Thursday
 * (ISO 8601), so its number is the Thursday's day of the year divided by seven. The same ids as
 * `periods.ts`, which goes through luxon for each week and cost more than the rest of a weekly plan.
 */
function isoWeeks(from: string, to: string): OccurrencePeriod[] {
  const out: OccurrencePeriod[] = [];
  for (let monday = addDays(from, 1 - isoWeekday(from)); monday <= to; monday = addDays(monday, 7)) {
    const thursday = addDays(monday, 3);
    const year = yearOf(thursday);
    const id = `${year}-W${String(Math.floor(daysBetween(isoDate(year, 1, 1), thursday) / 7) + 1).padStart(2, '0')}`;
    out.push({ kind: 'iso_week', id, label: `неделя ${id}`, start: monday, end: addDays(monday, 6) });
  }
  return out;
}

/** The calendar year `year` as a period (`2024`, «2024 год»). */
export function yearPeriod(year: number): OccurrencePeriod {
  return { kind: 'year', id: String(year), label: `${year} год`, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

/** The academic year starting in September of `first` (`2024/2025`, «2024/2025 учебный год»). */
export function academicYearPeriod(first: number): OccurrencePeriod {
  return { kind: 'academic_year', id: `${first}/${first + 1}`, label: `${first}/${first + 1} учебный год`, start: isoDate(first, 9, 1), end: isoDate(first + 1, 8, 31) };
}

/**
 * Russian label of a period id: «05.09.2024», «неделя 2024-W36», «сентябрь 2024», «3 квартал 2024»,
 * «1 четверть 2024/2025 учебного года», «1 полугодие 2024/2025 учебного года», «2024/2025 учебный год»,
 * «2024 год». Returns the id itself for an id it does not recognise.
 */
export function periodLabelRu(kind: PeriodKind, id: string): string {
  let m: RegExpExecArray | null;
  switch (kind) {
    case 'day':
      return formatRu(id);
    case 'iso_week':
      return `неделя ${id}`;
    case 'month':
      return (m = /^(\d{4})-(\d{2})$/.exec(id)) ? `${MONTHS_RU[Number(m[2]) - 1]} ${m[1]}` : id;
    case 'quarter':
      return (m = /^(\d{4})-Q(\d)$/.exec(id)) ? `${m[2]} квартал ${m[1]}` : id;
    case 'academic_quarter':
      return (m = /^(\d{4}\/\d{4})-Q(\d)$/.exec(id)) ? `${m[2]} четверть ${m[1]} учебного года` : id;
    case 'semester':
      return (m = /^(\d{4}\/\d{4})-S(\d)$/.exec(id)) ? `${m[2]} полугодие ${m[1]} учебного года` : id;
    case 'academic_year':
      return `${id} учебный год`;
    case 'year':
      return `${id} год`;
  }
}
