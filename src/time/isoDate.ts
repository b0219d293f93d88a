/**
 * Civil-date arithmetic on `YYYY-MM-DD` strings.
 *
 * Dates are plain calendar days with no zone: the production calendar and the Civil Code count whole
 * local days, so converting through instants would only invite off-by-one errors at zone borders.
 * Only `Date.UTC` and UTC getters are used, which are deterministic (no clock, no host zone) and so
 * safe inside Temporal's workflow sandbox.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Thrown when a string is not a valid `YYYY-MM-DD` calendar date. */
export class InvalidDateError extends Error {
  constructor(readonly input: string) {
    super(`Некорректная дата «${input}»: ожидается формат ГГГГ-ММ-ДД`);
    this.name = 'InvalidDateError';
  }
}

/** True if `text` is an existing calendar date in `YYYY-MM-DD` form (e.g. rejects 2023-02-29). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date. Throws `InvalidDateError` on a malformed date. */
export function toEpochDay(date: string): number {
  if (!isIsoDate(date)) throw new InvalidDateError(date);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The `YYYY-MM-DD` date of an epoch day (inverse of `toEpochDay`). */
export function fromEpochDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** `date` shifted by `days` (negative goes back). Throws `InvalidDateError` on a malformed date. */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `a` to `b` (positive when `b` is later). Throws `InvalidDateError`. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. Throws `InvalidDateError`. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const n = (toEpochDay(date) + 3) % 7;
  return (n < 0 ? n + 7 : n) + 1;
}

/** Number of days in a month (1-based month). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds `YYYY-MM-DD` from numbers without validating them. */
export function isoDate(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Year of a `YYYY-MM-DD` date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** `DD.MM.YYYY`, the form Russian documents use, for explanations. */
export function formatRu(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

const WEEKDAYS_RU = ['понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];
const WEEKDAYS_RU_SHORT = ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'];

/** Russian weekday name of a date ("пятница"); `short` gives "пт". Throws `InvalidDateError`. */
export function weekdayRu(date: string, short = false): string {
  return (short ? WEEKDAYS_RU_SHORT : WEEKDAYS_RU)[isoWeekday(date) - 1]!;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}
