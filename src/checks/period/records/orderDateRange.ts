import { lastDayOfInstant } from '../../../plan/localDay.js';
import { addDays, isIsoDate } from '../../../time/isoDate.js';

/** The local dates a movement document must be dated within, both included. */
export interface OrderDateRange {
  from: string;
  to: string;
  /** The deadline's last local day. */
  dueDay: string;
}

/** `MM-DD` in `year`; 29 February in a common year is read as the 28th. */
function monthDayIn(year: number, monthDay: string): string {
  const date = `${year}-${monthDay}`;
  return isIsoDate(date) ? date : addDays(`${year}-${monthDay.slice(0, 3)}01`, 27);
}

/**
 * Resolves `order_dates` (`MM-DD` bounds) against a deadline: `from` is the last such day on or before
 * the deadline's last local day (else `defaultFrom`); `to` is the first such day on or after `from`
 * (else the deadline's day), and never later than the deadline's day, since a document dated after
 * the deadline cannot have been due by it. Pure; malformed bounds fall back to the defaults.
 */
export function orderDateRange(orderDates: unknown, dueAt: string, zone: string, defaultFrom: string): OrderDateRange {
  const dueDay = lastDayOfInstant(dueAt, zone);
  const bounds = (typeof orderDates === 'object' && orderDates !== null ? orderDates : {}) as { from?: unknown; to?: unknown };
  const valid = (v: unknown): v is string => typeof v === 'string' && /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v);
  const year = Number(dueDay.slice(0, 4));
  let from = defaultFrom;
  if (valid(bounds.from)) {
    from = monthDayIn(year, bounds.from);
    if (from > dueDay) from = monthDayIn(year - 1, bounds.from);
  }
  let to = dueDay;
  if (valid(bounds.to)) {
    to = monthDayIn(Number(from.slice(0, 4)), bounds.to);
    if (to < from) to = monthDayIn(Number(from.slice(0, 4)) + 1, bounds.to);
  }
  return { from, to: to < dueDay ? to : dueDay, dueDay };
}
