import { DateTime } from 'luxon';
import type { CalendarData } from '../../time/calendarData.js';
import { fromEpochDay, toEpochDay } from '../../time/isoDate.js';
import { isWorkingDay } from '../../time/workingDays.js';

/**
 * Local days and instants of one region over a span of years, precomputed so that generating
 * millions of timestamps costs array lookups instead of time-zone arithmetic. A day is an index from
 * the span's first day; an instant is produced as an ISO string in UTC.
 */
export class SeedClock {
  readonly first: number;
  private readonly midnightMs: Float64Array;
  private readonly working: Uint8Array;
  /** Working days up to and including each day. */
  private readonly workingUpTo: Int32Array;
  private readonly workingDays: Int32Array;
  private readonly fallbackOffsetMs: number;

  /**
   * Covers [from, to] (ISO dates) in `zone` on `calendar`. Throws `InvalidDateError` for malformed
   * dates and `RangeError` for an unknown zone.
   */
  constructor(calendar: CalendarData, readonly zone: string, from: string, to: string) {
    if (!DateTime.local().setZone(zone).isValid) throw new RangeError(`Неизвестный часовой пояс «${zone}»`);
    this.first = toEpochDay(from);
    const n = toEpochDay(to) - this.first + 1;
    this.midnightMs = new Float64Array(n);
    this.working = new Uint8Array(n);
    this.workingUpTo = new Int32Array(n);
    const list: number[] = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const date = fromEpochDay(this.first + i);
      this.midnightMs[i] = DateTime.fromISO(date, { zone }).toMillis();
      const w = isWorkingDay(calendar, date);
      this.working[i] = w ? 1 : 0;
      if (w) {
        list.push(i);
        count++;
      }
      this.workingUpTo[i] = count;
    }
    this.workingDays = Int32Array.from(list);
    this.fallbackOffsetMs = this.midnightMs[0]! - this.first * 86_400_000;
  }

  /** Number of days covered. */
  get length(): number {
    return this.midnightMs.length;
  }

  /** The index of an ISO date (may fall outside the span). */
  day(date: string): number {
    return toEpochDay(date) - this.first;
  }

  /** The ISO date of a day index. */
  date(day: number): string {
    return fromEpochDay(this.first + day);
  }

  /** Whether people work on `day` (days outside the span count as Monday–Friday). */
  isWorking(day: number): boolean {
    if (day >= 0 && day < this.working.length) return this.working[day] === 1;
    const weekday = (((this.first + day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
    return weekday < 5;
  }

  /** The `n`-th working day after `day` (`n` = 0: `day` itself). Stays within the span's last working day. */
  addWorkingDays(day: number, n: number): number {
    if (n <= 0) return day;
    if (day < 0 || day >= this.working.length) {
      // Outside the span (old hires): weekends only.
      let d = day;
      for (let left = n; left > 0; ) if (this.isWorking(++d)) left--;
      return d;
    }
    return this.workingDays[Math.min(this.workingUpTo[day]! + n - 1, this.workingDays.length - 1)]!;
  }

  /** `day` if it is a working day, else the next working day. */
  workingOnOrAfter(day: number): number {
    return this.isWorking(day) ? day : this.addWorkingDays(day, 1);
  }

  /** `day` if it is a working day, else the previous working day. */
  workingOnOrBefore(day: number): number {
    let d = day;
    while (!this.isWorking(d)) d--;
    return d;
  }

  /** A uniformly drawn working day in [from, to] (both day indices), or `from` if there is none. */
  workingBetween(u: number, from: number, to: number): number {
    const a = from <= 0 ? 0 : this.workingUpTo[Math.min(from, this.working.length) - 1] ?? 0;
    const b = to < 0 ? 0 : this.workingUpTo[Math.min(to, this.working.length - 1)]!;
    if (b <= a) return this.workingOnOrAfter(from);
    return this.workingDays[a + Math.floor(u * (b - a))]!;
  }

  /** Epoch milliseconds of local `minutes` after midnight of `day`. */
  ms(day: number, minutes: number): number {
    const base = day >= 0 && day < this.midnightMs.length ? this.midnightMs[day]! : (this.first + day) * 86_400_000 + this.fallbackOffsetMs;
    return base + minutes * 60_000;
  }

  /** ISO instant (UTC) of local `minutes` after midnight of `day`. */
  at(day: number, minutes: number): string {
    return new Date(this.ms(day, minutes)).toISOString();
  }
}
