import type { Occurrence } from './occurrence.js';

/** A moment of an occurrence in the shape `workflows/occurrence.ts` (`OccurrenceMoment`) sleeps until. */
export interface PlannedMoment {
  at: string;
  tier: number;
  notice: 'window' | 'reminder' | 'due' | 'escalation';
  /** Reminder index for reminders; ladder step for escalations (step 0 is the deadline notice). */
  step: number;
  /** Repeat of the ladder's last step: 0 for the step itself, 1, 2, … for its repeats while unmet. */
  repeat: number;
  dueAt: string;
  lastDay: string;
}

/**
 * The moments the occurrence workflow runs for one planned occurrence, per tier: the window
 * opening, each reminder, the tier's first ladder step as the deadline notice (`due`) and the later steps as
 * escalations, then the repeats of the last step (as escalations with their repeat number, which is
 * part of the notification key, so each repeat is sent once), sorted by time then tier. Event rules
 * and campaign openings have no deadline and give no moments. Never throws.
 */
export function occurrenceMoments(occurrence: Occurrence): PlannedMoment[] {
  const out: PlannedMoment[] = [];
  for (const d of occurrence.deadlines) {
    const base = { tier: d.tier, dueAt: d.due, lastDay: d.lastDay };
    if (occurrence.windowOpens) out.push({ at: occurrence.windowOpens, notice: 'window', step: 0, repeat: 0, ...base });
    for (const r of occurrence.reminders) if (r.tier === d.tier) out.push({ at: r.at, notice: 'reminder', step: r.index, repeat: 0, ...base });
    // The tier's first step is its deadline notice (step 0, or the tier's own role further up the ladder).
    const first = Math.min(...occurrence.escalations.filter((e) => e.tier === d.tier).map((e) => e.step));
    for (const e of occurrence.escalations) {
      if (e.tier !== d.tier) continue;
      out.push({ at: e.at, notice: e.step === first && e.repeat === 0 ? 'due' : 'escalation', step: e.step, repeat: e.repeat, ...base });
    }
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.tier - b.tier);
}
