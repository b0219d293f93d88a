import { DateTime } from 'luxon';

/**
 * The first moment strictly after `nowMs` at which a daily digest goes out: `hour`:00 local time in
 * `zone`. Pure and deterministic, so workflows can call it. Throws for an unknown zone.
 */
export function nextDigestAt(nowMs: number, zone: string, hour: number): number {
  const now = DateTime.fromMillis(nowMs, { zone });
  if (!now.isValid) throw new Error(`unknown time zone ${zone}`);
  const today = now.set({ hour, minute: 0, second: 0, millisecond: 0 });
  return (today.toMillis() > nowMs ? today : today.plus({ days: 1 })).toMillis();
}
