import { DateTime, IANAZone } from 'luxon';
import { addDays, formatRu, weekdayRu } from '../time/isoDate.js';

/**
 * Local-day instants in a region's zone. The planner asks for the same few hundred midnights
 * thousands of times (every tier, reminder and escalation of every period), and luxon's zone
 * arithmetic is the costliest part of planning, so midnights are cached per zone.
 */

const midnights = new Map<string, Map<string, string>>();
const dayEnds = new Map<string, Map<string, string>>();

/** Thrown for a zone that is not an IANA zone. */
export class ZoneError extends Error {
  constructor(zone: string) {
    super(`Неизвестный часовой пояс «${zone}»: укажите зону IANA, например Asia/Yekaterinburg`);
    this.name = 'ZoneError';
  }
}

/**
 * The instant a local day starts (00:00 in `zone`) as ISO with the zone's offset,
 * e.g. `2024-09-05T00:00:00.000+05:00`. Throws `ZoneError` for an unknown zone.
 */
export function startOfLocalDay(date: string, zone: string): string {
  let byDate = midnights.get(zone);
  if (!byDate) {
    if (!IANAZone.isValidZone(zone)) throw new ZoneError(zone);
    byDate = new Map();
    midnights.set(zone, byDate);
  }
  let iso = byDate.get(date);
  if (iso === undefined) {
    iso = DateTime.fromISO(date, { zone }).startOf('day').toISO()!;
    byDate.set(date, iso);
  }
  return iso;
}

/** The instant a local day ends (24:00 in `zone`, i.e. the next day's 00:00). Throws `ZoneError`. */
export function endOfLocalDay(date: string, zone: string): string {
  let byDate = dayEnds.get(zone);
  if (!byDate) dayEnds.set(zone, (byDate = new Map()));
  let iso = byDate.get(date);
  if (iso === undefined) {
    iso = startOfLocalDay(addDays(date, 1), zone);
    byDate.set(date, iso);
  }
  return iso;
}

/** The local calendar day of an instant in `zone`. */
export function localDateOf(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).toISODate()!;
}

/**
 * An instant as people read a deadline in Russian: «чт 05.09.2024 24:00». An instant at local
 * midnight is shown as 24:00 of the day before, because a term ends at the end of its last day
 * (Civil Code art. 194); `midnightAs: 'start'` shows it as 00:00 of its own day (window openings).
 */
export function formatLocalRu(instant: string, zone: string, midnightAs: 'end' | 'start' = 'end'): string {
  const local = DateTime.fromISO(instant, { zone });
  const atMidnight = local.hour === 0 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
  if (atMidnight && midnightAs === 'end') {
    const day = addDays(local.toISODate()!, -1);
    return `${weekdayRu(day, true)} ${formatRu(day)} 24:00`;
  }
  const day = local.toISODate()!;
  return `${weekdayRu(day, true)} ${formatRu(day)} ${local.toFormat('HH:mm')}`;
}

/** «05.09.2024 19:00 UTC», for explanations. Plain `Date` arithmetic: this runs for every deadline of a plan. */
export function formatUtc(instant: string): string {
  const d = new Date(instant);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

/**
 * The local day an instant belongs to as the end of a term: an instant at local midnight ends the
 * day before (24:00), any other instant lies in its own day.
 */
export function lastDayOfInstant(instant: string, zone: string): string {
  const local = DateTime.fromISO(instant, { zone });
  const atMidnight = local.hour === 0 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
  return atMidnight ? addDays(local.toISODate()!, -1) : local.toISODate()!;
}

/** `instant` moved by `hours` (negative: earlier), as ISO with the offset of `zone`. */
export function addHours(instant: string, hours: number, zone: string): string {
  return DateTime.fromISO(instant, { zone }).plus({ hours }).toISO()!;
}
