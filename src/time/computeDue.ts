import { DateTime, IANAZone } from 'luxon';
import type { CalendarData, DayInfo } from './calendarData.js';
import { addDays, formatRu, isIsoDate, weekdayRu, yearOf } from './isoDate.js';
import { formatTermRu, type Term } from './parseTerm.js';
import { dayInfo, hasYear, nextWorkingDay, previousWorkingDay } from './workingDays.js';

/** Input of `computeDue`. */
export interface ComputeDueInput {
  /** The event: an ISO local date-time (`2024-04-26T15:00`) or date (`2024-04-26`) in `zone`; an explicit offset is honoured. */
  event: string;
  /** IANA zone of the region, e.g. `Asia/Yekaterinburg`. */
  zone: string;
  term: Term;
  calendar: CalendarData;
  /** Move a non-working last day to a working day (default true; art. 193 Civil Code). */
  moveToWorkingDay?: boolean;
  /** Count the event day itself as the first day of the term (default false; art. 191 Civil Code). */
  inclusive?: boolean;
}

/** One line of the explanation of a computed deadline. */
export interface ExplainStep {
  kind: 'event' | 'start' | 'count' | 'skip' | 'last_day' | 'move' | 'due' | 'warning';
  /** The local date the step is about, `YYYY-MM-DD`. */
  date?: string;
  /** Russian text for people. */
  text: string;
}

/** Result of `computeDue`. */
export interface DueResult {
  /** End of the term: an ISO instant with the zone's offset, e.g. `2024-05-04T00:00:00.000+05:00`. */
  due: string;
  /** The last local day of the term, `YYYY-MM-DD` (for hour terms: the local day the term ends in). */
  lastDay: string;
  /** True if any year involved has no calendar (weekends only) or only a provisional one. */
  provisional: boolean;
  explain: ExplainStep[];
}

/** Thrown by `computeDue` for an unknown zone, an unparseable event or a malformed term. */
export class DueInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DueInputError';
  }
}

/**
 * Computes when a term ends, following the Civil Code (arts. 190–194):
 * - days and working days: counting starts the day after the event (or on it when `inclusive`); the
 *   term ends at 24:00 local time of its last day; working-day terms count only working days of the
 *   calendar; a non-working last day moves to the next working day (art. 193) unless
 *   `moveToWorkingDay` is false;
 * - "before" terms count back from the event date: N working days before day E ends on the working
 *   day N working days earlier; a calendar-day "before" term whose last day is non-working moves to
 *   the previous working day, because moving it later would break "before";
 * - hours: exactly N hours from the event instant, never moved.
 * Pure and deterministic (no clock), so it runs inside Temporal workflows.
 * Throws `DueInputError` for a bad zone, event or term.
 */
export function computeDue(input: ComputeDueInput): DueResult {
  const { term, calendar: cal, zone } = input;
  checkTerm(term);
  if (!isKnownZone(zone)) throw new DueInputError(`Неизвестный часовой пояс «${zone}»: укажите зону IANA, например Asia/Yekaterinburg`);
  const event = parseEvent(input.event, zone);
  const moveToWorkingDay = input.moveToWorkingDay ?? true;
  const inclusive = input.inclusive ?? false;
  const explain: ExplainStep[] = [];
  const eventDate = event.toISODate()!;
  explain.push({
    kind: 'event',
    date: eventDate,
    text: `Событие: ${formatRu(eventDate)} (${weekdayRu(eventDate)}) ${event.toFormat('HH:mm')} по времени ${zone}; срок — ${formatTermRu(term)}.`,
  });

  if (term.unit === 'hours') return hoursDue(event, term, explain);

  const touched = new Set<number>([yearOf(eventDate)]);
  const info = (date: string) => {
    touched.add(yearOf(date));
    return dayInfo(cal, date);
  };
  const step = term.direction === 'after' ? 1 : -1;
  const first = inclusive ? eventDate : addDays(eventDate, step);
  explain.push({
    kind: 'start',
    date: first,
    text: inclusive
      ? `День события включается в срок: отсчёт ${term.direction === 'after' ? 'начинается' : 'ведётся назад'} с ${formatRu(first)}.`
      : term.direction === 'after'
        ? `Течение срока начинается на следующий день после события — ${formatRu(first)} (ст. 191 ГК РФ).`
        : `Срок отсчитывается назад от дня события, сам день события не считается: первый день отсчёта — ${formatRu(first)}.`,
  });

  let lastDay: string;
  if (term.amount === 0) {
    lastDay = eventDate;
  } else if (term.unit === 'days') {
    lastDay = addDays(first, step * (term.amount - 1));
    explain.push({ kind: 'count', date: lastDay, text: `Отсчитано ${formatTermRu({ ...term, direction: 'after' })}: ${term.direction === 'after' ? `${formatRu(first)} — ${formatRu(lastDay)}` : `${formatRu(lastDay)} — ${formatRu(first)}`}.` });
  } else {
    let counted = 0;
    let current = first;
    for (;;) {
      const day = info(current);
      if (day.working) {
        counted++;
        explain.push({ kind: 'count', date: current, text: `${describeDay(day)} — рабочий день${workingNote(day)}: ${counted}-й рабочий день срока.` });
        if (counted === term.amount) break;
      } else {
        explain.push({ kind: 'skip', date: current, text: `${describeDay(day)} — не считается: ${day.reason ?? 'нерабочий день'}.` });
      }
      current = addDays(current, step);
    }
    lastDay = current;
  }

  const last = info(lastDay);
  explain.push({ kind: 'last_day', date: lastDay, text: `Последний день срока — ${describeDay(last)}.` });
  if (!last.working && moveToWorkingDay) {
    const moved = term.direction === 'after' ? nextWorkingDay(cal, lastDay) : previousWorkingDay(cal, lastDay);
    for (let d = lastDay; d !== moved; d = addDays(d, step)) touched.add(yearOf(d));
    touched.add(yearOf(moved));
    explain.push({
      kind: 'move',
      date: moved,
      text:
        term.direction === 'after'
          ? `${formatRu(lastDay)} — нерабочий день (${last.reason ?? 'выходной'}); окончание срока переносится на ближайший следующий рабочий день ${formatRu(moved)} (${weekdayRu(moved)}) (ст. 193 ГК РФ).`
          : `${formatRu(lastDay)} — нерабочий день (${last.reason ?? 'выходной'}); чтобы срок «до» был соблюдён, последним днём становится предшествующий рабочий день ${formatRu(moved)} (${weekdayRu(moved)}).`,
    });
    lastDay = moved;
  }

  const due = DateTime.fromISO(addDays(lastDay, 1), { zone }).startOf('day');
  explain.push({
    kind: 'due',
    date: lastDay,
    text: `Срок истекает в 24:00 ${formatRu(lastDay)} по времени ${zone} (${due.toUTC().toFormat("dd.MM.yyyy HH:mm 'UTC'")}) (ст. 194 ГК РФ).`,
  });
  const provisional = provisionalWarnings(cal, touched, explain);
  return { due: due.toISO()!, lastDay, provisional, explain };
}

function hoursDue(event: DateTime, term: Term, explain: ExplainStep[]): DueResult {
  const due = term.direction === 'after' ? event.plus({ hours: term.amount }) : event.minus({ hours: term.amount });
  // A term ending exactly at midnight ends at 24:00 of the previous day, not on the next one.
  const lastDay = (due.hour === 0 && due.minute === 0 && due.second === 0 && due.millisecond === 0 ? due.minus({ milliseconds: 1 }) : due).toISODate()!;
  explain.push({
    kind: 'due',
    date: lastDay,
    text: `Срок в часах считается от момента события без переноса на рабочие дни: ${term.direction === 'after' ? 'истекает' : 'должен быть соблюдён к'} ${due.toFormat('dd.MM.yyyy HH:mm')} по времени ${event.zoneName} (${due.toUTC().toFormat("dd.MM.yyyy HH:mm 'UTC'")}).`,
  });
  return { due: due.toISO()!, lastDay, provisional: false, explain };
}

function provisionalWarnings(cal: CalendarData, years: Set<number>, explain: ExplainStep[]): boolean {
  let provisional = false;
  for (const year of [...years].sort()) {
    if (!hasYear(cal, year)) {
      provisional = true;
      explain.push({
        kind: 'warning',
        text: `Производственного календаря на ${year} год нет в данных (${cal.id}): учтены только еженедельные выходные, праздники и переносы не учтены — срок предварительный.`,
      });
    } else if (cal.years[String(year)]!.status === 'provisional') {
      provisional = true;
      explain.push({
        kind: 'warning',
        text: `Календарь на ${year} год предварительный (постановление о переносе выходных ещё не учтено) — срок может измениться.`,
      });
    }
  }
  return provisional;
}

function describeDay(day: DayInfo): string {
  return `${formatRu(day.date)} (${weekdayRu(day.date)})`;
}

function workingNote(day: DayInfo): string {
  if (day.kind === 'working_weekend') return ` (${day.reason})`;
  if (day.shortened) return ', сокращённый предпраздничный';
  return '';
}

// Luxon validates a zone by building an Intl formatter, which costs more than the rest of a
// deadline; sweeps compute thousands of deadlines in a handful of zones.
const knownZones = new Set<string>();
function isKnownZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  knownZones.add(zone);
  return true;
}

function parseEvent(text: string, zone: string): DateTime {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/.test(text.trim())) {
    throw new DueInputError(`Некорректная дата события «${text}»: ожидается ГГГГ-ММ-ДД или ГГГГ-ММ-ДДTЧЧ:ММ`);
  }
  if (!isIsoDate(text.trim().slice(0, 10))) throw new DueInputError(`Некорректная дата события «${text}»: такой даты нет в календаре`);
  const parsed = DateTime.fromISO(text.trim().replace(' ', 'T'), { zone });
  if (!parsed.isValid) throw new DueInputError(`Некорректная дата события «${text}»: недопустимое время или смещение`);
  // An explicit offset is honoured, then the moment is viewed in the region's zone.
  return parsed.setZone(zone);
}

function checkTerm(term: Term): void {
  if (!term || typeof term !== 'object') throw new DueInputError('Срок не задан');
  if (!Number.isSafeInteger(term.amount) || term.amount < 0) throw new DueInputError(`Количество в сроке должно быть целым неотрицательным числом, а не ${String(term.amount)}`);
  if (!['working_days', 'days', 'hours'].includes(term.unit)) throw new DueInputError(`Неизвестная единица срока «${String(term.unit)}»`);
  if (!['after', 'before'].includes(term.direction)) throw new DueInputError(`Неизвестное направление срока «${String(term.direction)}»`);
}
