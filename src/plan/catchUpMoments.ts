import type { PlannedMoment } from './occurrenceMoments.js';

/** The moments an occurrence runs when it starts at `now`, and those it leaves out. */
export interface CatchUp {
  run: PlannedMoment[];
  skipped: PlannedMoment[];
}

/**
 * What an occurrence started late (a regulation applied in the middle of a period) still runs of
 * its moments, per tier, so that people get what is still true and not a burst of stale mail:
 * every moment after `now`; of those already past, only the latest window notice or reminder when
 * the tier's deadline is still ahead, and when it has passed, the deadline check itself (so the
 * verdict is recorded and the responsible person told) and the latest escalation step or repeat
 * reached (so the escalation stands where it would have) — not the steps in between. Moments are
 * returned in their input order. Pure, so workflow code can call it.
 */
export function catchUpMoments(moments: readonly PlannedMoment[], now: number): CatchUp {
  const past = moments.filter((m) => Date.parse(m.at) <= now);
  const keep = new Set<PlannedMoment>();
  for (const tier of new Set(past.map((m) => m.tier))) {
    const mine = past.filter((m) => m.tier === tier);
    const after = mine.filter((m) => m.notice === 'due' || m.notice === 'escalation');
    if (after.length === 0) {
      keep.add(latest(mine));
      continue;
    }
    const due = after.find((m) => m.notice === 'due');
    if (due) keep.add(due);
    keep.add(latest(after));
  }
  const run: PlannedMoment[] = [];
  const skipped: PlannedMoment[] = [];
  for (const m of moments) (Date.parse(m.at) > now || keep.has(m) ? run : skipped).push(m);
  return { run, skipped };
}

function latest(moments: readonly PlannedMoment[]): PlannedMoment {
  return moments.reduce((a, b) => (Date.parse(b.at) >= Date.parse(a.at) ? b : a));
}
