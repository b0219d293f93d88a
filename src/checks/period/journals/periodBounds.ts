import { endOfLocalDay, startOfLocalDay } from '../../../plan/localDay.js';
import { REGIONS } from '../../../regions.js';
import type { PeriodCheckInput } from '../periodCheck.js';

/**
 * The instants a period's local days span in the region's zone: `from` is 00:00 of its first day,
 * `to` is 24:00 of its last day. Throws for a region missing from `REGIONS`, because a guessed zone
 * would shift every boundary by hours.
 */
export function periodBounds(input: Pick<PeriodCheckInput, 'region' | 'period'>): { from: string; to: string; zone: string } {
  const zone = REGIONS[input.region]?.timezone;
  if (!zone) throw new Error(`region ${input.region} has no time zone in REGIONS`);
  return { from: startOfLocalDay(input.period.start, zone), to: endOfLocalDay(input.period.end, zone), zone };
}
