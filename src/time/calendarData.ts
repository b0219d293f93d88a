/**
 * The runtime shape of a production calendar: plain JSON-serialisable data, so that a compiled plan
 * can carry it into a Temporal workflow and so that tests can build one by hand.
 *
 * Only days that differ from the regular week are stored; every other day is a working day unless its
 * ISO weekday is in `weekendDays`.
 */

/** What makes a stored day special. */
export type SpecialDayKind =
  /** A non-working holiday (Labour Code art. 112, or a regional holiday). */
  | 'holiday'
  /** A weekday made a day off by a transfer (decree, or the art. 112 part 2 weekend-holiday rule). */
  | 'transfer'
  /** A Saturday or Sunday made a working day by a transfer. */
  | 'working_weekend'
  /** A working day shortened by one hour before a holiday (Labour Code art. 95). */
  | 'shortened';

/** A day that differs from the regular week. */
export interface SpecialDay {
  /** Whether people work on this day. */
  working: boolean;
  kind: SpecialDayKind;
  /** Why the day is special, in Russian, ready for explanations. */
  reason: string;
  /** The act that made it so, e.g. "постановление Правительства РФ от 10.08.2023 № 1314". */
  decree?: string;
  /** Also a shortened pre-holiday day (a working Saturday can be both). */
  shortened?: boolean;
}

/** One year of a calendar. */
export interface CalendarYear {
  year: number;
  /** `approved`: from a published decree; `provisional`: art. 112 only, the decree is not yet known. */
  status: 'approved' | 'provisional';
  /** The transfer decree of the year, in Russian citation form. */
  decree?: string;
  note?: string;
  /** Special days keyed by `YYYY-MM-DD`. */
  days: Record<string, SpecialDay>;
}

/** A production calendar ready for arithmetic. */
export interface CalendarData {
  /** e.g. `ru-federal`, or `ru-federal+ru-ta` with a regional addition. */
  id: string;
  title: string;
  week: 'five_day' | 'six_day';
  /** ISO weekdays that are regular days off: `[6, 7]` for a five-day week, `[7]` for a six-day week. */
  weekendDays: number[];
  /** Region whose additions are merged in, if any. */
  region?: string;
  /** Years keyed by the year number as a string (JSON object keys). */
  years: Record<string, CalendarYear>;
}

/** Everything a caller may want to know about one date. */
export interface DayInfo {
  date: string;
  working: boolean;
  kind: 'working' | 'weekend' | 'holiday' | 'transfer' | 'working_weekend' | 'shortened';
  /** Russian explanation for anything other than a plain working day. */
  reason?: string;
  decree?: string;
  /** True for shortened pre-holiday days, including working Saturdays that are also shortened. */
  shortened?: boolean;
  /** True when the year has no data (weekends only) or only provisional data. */
  provisional?: boolean;
}
