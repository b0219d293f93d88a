import { REGIONS } from '../../../regions.js';
import { lastDayOfInstant } from '../../../plan/localDay.js';
import { isoDate, toEpochDay, yearOf } from '../../../time/isoDate.js';

/** The academic year a rollover check judges, and the one before it. */
export interface TargetAcademicYear {
  /** `2024/2025` */
  id: string;
  /** First day, `2024-09-01`. */
  start: string;
  /** `2023/2024` */
  previousId: string;
  /** `2023-09-01` */
  previousStart: string;
}

/**
 * The academic year that starts on the 1 September nearest to the deadline's last local day (in the
 * region's zone; UTC for an unknown region): the «будущий» year while a summer window runs, the
 * «новый» (current) one for an early-September deadline. Pure; never throws for a valid instant.
 */
export function targetAcademicYear(dueAt: string, region: string): TargetAcademicYear {
  const day = lastDayOfInstant(dueAt, REGIONS[region]?.timezone ?? 'UTC');
  const y = yearOf(day);
  const distance = (first: number) => Math.abs(toEpochDay(day) - toEpochDay(isoDate(first, 9, 1)));
  const first = [y - 1, y, y + 1].reduce((best, c) => (distance(c) < distance(best) ? c : best));
  return { id: `${first}/${first + 1}`, start: isoDate(first, 9, 1), previousId: `${first - 1}/${first}`, previousStart: isoDate(first - 1, 9, 1) };
}
