import { daysBetween } from '../../../time/isoDate.js';
import type { DueByDate, EventCheck, TermShape } from '../eventCheck.js';
import { eventObligationCheck, type EventObligationSpec } from '../eventObligationCheck.js';

// Rule params are closed by their JSON schema, so no rule can carry these keys.
const DUES = '$dues';
const SHAPE = '$termShape';

/** The deadlines being judged, when the event source is built for `evaluateNew`; undefined otherwise. */
export function duesIn(params: Record<string, unknown>): readonly DueByDate[] | undefined {
  const d = params[DUES];
  return Array.isArray(d) ? (d as DueByDate[]) : undefined;
}

/** The rule's term shape as the sweep gave it (`SweepWindow.termShape`), else inferred from the deadlines judged. */
export function termShapeIn(params: Record<string, unknown>, dues: readonly DueByDate[]): TermShape {
  const given = params[SHAPE];
  return given === 'before' || given === 'same_day' || given === 'term' ? given : deadlineShape(dues);
}

/**
 * What kind of term a rule's deadlines come from: counted back from the event (`before`: the last
 * day precedes the event), the same day (the last day is the event's own day, or the next working
 * day when the event fell on a day off: at most 4 days later outside the New Year holidays), or a
 * term after the event (`term`: five working days end 5 or more days later, even from a Sunday).
 * The fallback when a sweep does not say (`SweepWindow.termShape`): a batch of a same-day rule
 * holding only New Year holiday dates would read as a term.
 */
export function deadlineShape(dues: readonly DueByDate[]): TermShape {
  if (dues.some((d) => d.lastDay < d.eventDate)) return 'before';
  if (dues.some((d) => daysBetween(d.eventDate, d.lastDay) < 5)) return 'same_day';
  return 'term';
}

/**
 * `eventObligationCheck` whose event source also sees, while judging, the deadlines of the event
 * dates (`duesIn(params)`) and the rule's term shape (`termShapeIn`): to keep only what was filed before a deadline counted back from an
 * event, or to pick the events a rule's term belongs to. Candidate dates, closing and open cases
 * are built without them and must yield a superset of what is judged.
 */
export function dueAwareCheck(spec: EventObligationSpec): EventCheck {
  const base = eventObligationCheck(spec);
  return {
    ...base,
    evaluateNew: (db, w, dues, params) => base.evaluateNew(db, w, dues, { ...params, [DUES]: dues, ...(w.termShape ? { [SHAPE]: w.termShape } : {}) }),
  };
}
