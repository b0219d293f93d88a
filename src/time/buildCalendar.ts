import type { CalendarData, CalendarYear, SpecialDay } from './calendarData.js';
import type { DecreeRef, FederalCalendarDocument, RegionalCalendarDocument } from './calendarDocument.js';
import { addDays, formatRu, isIsoDate, isoWeekday, weekdayRu, yearOf } from './isoDate.js';

/** A semantic error in calendar data, with the path of the offending value inside the document. */
export class CalendarDataError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
    /** Which document the path refers to. */
    readonly source: 'federal' | 'regional' = 'federal',
  ) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

/** Options of `buildCalendar`. */
export interface BuildCalendarOptions {
  /** `five_day` (default) or `six_day` (Saturday works; see docs/calendar.md for the derivation). */
  week?: 'five_day' | 'six_day';
  /** Regional additions merged on top of the federal days. */
  regional?: RegionalCalendarDocument;
}

/** Russian citation of a decree: "постановление Правительства РФ от 10.08.2023 № 1314". */
export function decreeCitation(decree: DecreeRef): string {
  return `постановление Правительства РФ от ${formatRu(decree.date)} № ${decree.number}`;
}

/**
 * Turns validated calendar documents into `CalendarData`. Pure (no I/O), so a workflow may build a
 * calendar from documents passed in as data.
 *
 * Six-day week: Saturdays are working days; a transfer applies only when it takes the day off from a
 * Sunday (a Saturday is not a day off there, so there is nothing to move); working Saturdays are moot;
 * shortened days are the working days immediately before a holiday (art. 95).
 *
 * Throws `CalendarDataError` (with the document path) when the data contradicts itself: a date outside
 * its year, a transfer not from a weekend to a weekday, a working weekend without a transfer, etc.
 */
export function buildCalendar(federal: FederalCalendarDocument, options: BuildCalendarOptions = {}): CalendarData {
  const week = options.week ?? 'five_day';
  const weekendDays = week === 'six_day' ? [7] : [6, 7];
  const names = new Map(federal.holidays.map((h) => [h.day, h.name]));
  const years: Record<string, CalendarYear> = {};

  for (const [key, doc] of Object.entries(federal.years)) {
    const year = Number(key);
    const at = (...rest: (string | number)[]) => ['years', key, ...rest];
    const decree = doc.decree ? decreeCitation(doc.decree) : undefined;
    const days: Record<string, SpecialDay> = {};
    const checkDate = (date: string, path: (string | number)[]) => {
      if (!isIsoDate(date)) throw new CalendarDataError(`«${date}» не является датой ГГГГ-ММ-ДД`, path);
      if (yearOf(date) !== year) throw new CalendarDataError(`дата ${date} не относится к ${year} году`, path);
    };

    doc.holidays.forEach((date, i) => {
      checkDate(date, at('holidays', i));
      const name = names.get(date.slice(5));
      if (!name) throw new CalendarDataError(`${date} отсутствует в списке праздников ст. 112 ТК РФ (holidays в начале файла)`, at('holidays', i));
      days[date] = { working: false, kind: 'holiday', reason: `нерабочий праздничный день «${name}» (ст. 112 ТК РФ)` };
    });

    const transferSources = new Set<string>();
    doc.transfers.forEach((t, i) => {
      checkDate(t.from, at('transfers', i, 'from'));
      checkDate(t.to, at('transfers', i, 'to'));
      if (isoWeekday(t.from) < 6) throw new CalendarDataError(`перенос с ${t.from}: выходной переносится только с субботы или воскресенья`, at('transfers', i, 'from'));
      if (isoWeekday(t.to) >= 6) throw new CalendarDataError(`перенос на ${t.to}: выходной переносится на будний день`, at('transfers', i, 'to'));
      if (days[t.to]) throw new CalendarDataError(`на ${t.to} уже приходится нерабочий день`, at('transfers', i, 'to'));
      if (t.basis === 'decree' && !decree) throw new CalendarDataError('перенос по постановлению, но постановление года (decree) не указано', at('transfers', i, 'basis'));
      transferSources.add(t.from);
      // In a six-day week Saturday is a working day, so there is no day off to take from it.
      if (week === 'six_day' && isoWeekday(t.from) === 6) return;
      const holiday = days[t.from];
      const fromText = `${formatRu(t.from)} (${weekdayRu(t.from)})`;
      days[t.to] =
        t.basis === 'decree'
          ? { working: false, kind: 'transfer', reason: `перенос выходного дня с ${fromText} по постановлению Правительства РФ № ${doc.decree!.number} от ${formatRu(doc.decree!.date)}`, decree }
          : {
              working: false,
              kind: 'transfer',
              reason: `перенос выходного дня с ${fromText}, совпавшего с праздником${holiday ? ` «${names.get(t.from.slice(5))}»` : ''} (ч. 2 ст. 112 ТК РФ)`,
            };
      if (!holiday) {
        days[t.from] = {
          working: true,
          kind: 'working_weekend',
          reason: `${isoWeekday(t.from) === 6 ? 'рабочая суббота' : 'рабочее воскресенье'}: выходной перенесён на ${formatRu(t.to)} постановлением Правительства РФ № ${doc.decree?.number ?? '?'} от ${doc.decree ? formatRu(doc.decree.date) : '?'}`,
          ...(decree ? { decree } : {}),
        };
      }
    });

    doc.working_weekends.forEach((date, i) => {
      checkDate(date, at('working_weekends', i));
      if (isoWeekday(date) < 6) throw new CalendarDataError(`${date} — будний день, а не суббота или воскресенье`, at('working_weekends', i));
      if (!transferSources.has(date) || (days[date] && days[date]!.kind === 'holiday'))
        throw new CalendarDataError(`рабочий выходной ${date} не подкреплён переносом (transfers.from)`, at('working_weekends', i));
    });
    for (const [i, t] of doc.transfers.entries()) {
      if (!doc.holidays.includes(t.from) && !doc.working_weekends.includes(t.from))
        throw new CalendarDataError(`${t.from} не праздник, значит после переноса он рабочий: добавьте его в working_weekends`, at('transfers', i, 'from'));
    }

    if (week === 'five_day') {
      doc.shortened.forEach((date, i) => {
        checkDate(date, at('shortened', i));
        markShortened(days, date, weekendDays, at('shortened', i));
      });
    } else {
      for (const h of doc.holidays) {
        const before = addDays(h, -1);
        if (yearOf(before) === year && isWorking(days, before, weekendDays)) markShortened(days, before, weekendDays, at('holidays'));
      }
    }

    years[key] = { year, status: doc.status, ...(decree ? { decree } : {}), ...(doc.note ? { note: doc.note } : {}), days };
  }

  const cal: CalendarData = {
    id: federal.id,
    title: week === 'six_day' ? `${federal.title} — шестидневная рабочая неделя` : federal.title,
    week,
    weekendDays,
    years,
  };
  return options.regional ? mergeRegional(cal, options.regional) : cal;
}

function mergeRegional(cal: CalendarData, regional: RegionalCalendarDocument): CalendarData {
  const years = { ...cal.years };
  for (const [key, doc] of Object.entries(regional.years)) {
    const year = Number(key);
    const base: CalendarYear = years[key] ?? {
      year,
      status: 'provisional',
      note: `Федерального календаря на ${year} год нет: учтены только выходные и региональные праздники.`,
      days: {},
    };
    const days = { ...base.days };
    doc.holidays.forEach((h, i) => {
      const path = ['years', key, 'holidays', i, 'date'];
      if (!isIsoDate(h.date) || yearOf(h.date) !== year) throw new CalendarDataError(`дата ${h.date} не относится к ${year} году`, path, 'regional');
      const existing = days[h.date];
      // Regional holidays that coincide with a day off are not moved (regional laws say so explicitly).
      if (existing && !existing.working) return;
      days[h.date] = {
        working: false,
        kind: 'holiday',
        reason: `нерабочий праздничный день «${h.name}» (${regional.title})`,
        ...(h.act ? { decree: h.act } : {}),
      };
    });
    (doc.shortened ?? []).forEach((date, i) => {
      const path = ['years', key, 'shortened', i];
      if (!isIsoDate(date) || yearOf(date) !== year) throw new CalendarDataError(`дата ${date} не относится к ${year} году`, path, 'regional');
      markShortened(days, date, cal.weekendDays, path, regional.title);
    });
    years[key] = {
      ...base,
      status: doc.status === 'provisional' ? 'provisional' : base.status,
      days,
    };
  }
  return { ...cal, id: `${cal.id}+${regional.id}`, title: `${cal.title}; ${regional.title}`, region: regional.id, years };
}

function isWorking(days: Record<string, SpecialDay>, date: string, weekendDays: number[]): boolean {
  const d = days[date];
  return d ? d.working : !weekendDays.includes(isoWeekday(date));
}

function markShortened(days: Record<string, SpecialDay>, date: string, weekendDays: number[], path: (string | number)[], region?: string): void {
  if (!isWorking(days, date, weekendDays)) throw new CalendarDataError(`сокращённый день ${date} не является рабочим днём`, path, region ? 'regional' : 'federal');
  const existing = days[date];
  const why = region ? `сокращённый на 1 час предпраздничный день (${region})` : 'сокращённый на 1 час предпраздничный день (ст. 95 ТК РФ)';
  days[date] = existing ? { ...existing, shortened: true, reason: `${existing.reason}; ${why}` } : { working: true, kind: 'shortened', reason: why };
}
