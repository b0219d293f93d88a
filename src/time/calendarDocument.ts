/**
 * The file format of `calendars/*.yaml` and `calendars/regional/*.yaml`, as parsed from YAML and
 * validated by `schemas/calendar.schema.json`. Kept apart from `CalendarData` (the runtime shape) so
 * that the format can evolve for operators without touching the arithmetic.
 */

/** A holiday of Labour Code art. 112, by month and day. */
export interface Art112Holiday {
  /** `MM-DD`. */
  day: string;
  name: string;
  /** Part of the 1–8 January block, which is never shifted by the weekend rule (decree transfers it). */
  new_year_block?: boolean;
}

/** The act that set a year's transfers. */
export interface DecreeRef {
  number: string;
  /** `YYYY-MM-DD`. */
  date: string;
  title: string;
  url?: string;
}

/** A day off moved from a weekend day to a weekday. */
export interface TransferEntry {
  /** The Saturday or Sunday the day off is taken from. */
  from: string;
  /** The weekday that becomes a day off. */
  to: string;
  /** `decree`: set by the year's decree; `art112`: the weekend-holiday rule of art. 112 part 2. */
  basis: 'decree' | 'art112';
}

/** Officially published totals for a five-day, 40-hour week, used to check the data. */
export interface PublishedTotals {
  working_days: number;
  hours_40?: number;
  per_month: number[];
}

/** One year of the federal calendar file. */
export interface FederalYearDocument {
  status: 'approved' | 'provisional';
  decree?: DecreeRef;
  note?: string;
  /** All art. 112 holiday dates of the year, including those falling on weekends. */
  holidays: string[];
  transfers: TransferEntry[];
  working_weekends: string[];
  shortened: string[];
  published?: PublishedTotals;
}

/** `calendars/<id>.yaml`. */
export interface FederalCalendarDocument {
  kind: 'federal';
  id: string;
  title: string;
  basis: string;
  holidays: Art112Holiday[];
  years: Record<string, FederalYearDocument>;
}

/** A regional non-working day. */
export interface RegionalHoliday {
  date: string;
  name: string;
  /** The regional act that set the date, e.g. a decree of the head of the region. */
  act?: string;
}

/** One year of a regional additions file. */
export interface RegionalYearDocument {
  status: 'approved' | 'provisional';
  note?: string;
  holidays: RegionalHoliday[];
  shortened?: string[];
  published?: PublishedTotals;
}

/** `calendars/regional/<region-id>.yaml`. */
export interface RegionalCalendarDocument {
  kind: 'regional';
  id: string;
  title: string;
  /** The federal calendar this file adds to. */
  extends: string;
  basis: string;
  years: Record<string, RegionalYearDocument>;
}

export type CalendarDocument = FederalCalendarDocument | RegionalCalendarDocument;
