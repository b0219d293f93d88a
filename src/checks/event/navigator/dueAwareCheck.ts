import { daysBetween } from '../../../time/isoDate.js';
import type { DueByDate, EventCheck } from '../eventCheck.js';
import { eventObligationCheck, type EventObligationSpec } from '../eventObligationCheck.js';

// Rule params are closed by their JSON schema, so no rule can carry this key.
const DUES = '$dues';

/** The deadlines being judged, when the event source is built for `evaluateNew`; undefined otherwise. */
export function duesIn(params: Record<string, unknown>): readonly DueByDate[] | undefined {
  const d = params[DUES];
  return Array.isArray(d) ? (d as DueByDate[]) : undefined;
}

/**
 * What kind of term a rule's deadlines come from: counted back from the event (`before`: the last
 * day precedes the event), the same day (the last day is the event's own day, or the next working
 * day when the event fell on a day off: at most 4 days later outside the New Year holidays), or a
 * term after the event (`term`: five working days end 5 or more days later, even from a Sunday).
 * An event check is not told the rule's trigger; this tells apart rules whose checks share params.
 * A batch of a same-day rule holding only New Year holiday dates would read as a term: a sweep's
 * batch normally also holds the first working day after them.
 */
export function deadlineShape(dues: readonly DueByDate[]): 'before' | 'same_day' | 'term' {
  if (dues.some((d) => d.lastDay < d.eventDate)) return 'before';
  if (dues.some((d) => daysBetween(d.eventDate, d.lastDay) < 5)) return 'same_day';
  return 'term';
}

/**
 * `eventObligationCheck` whose event source also sees, while judging, the deadlines of the event
 * dates (`duesIn(params)`): to keep only what was filed before a deadline counted back from an
 * event, or to pick the events a rule's term belongs to. Candidate dates, closing and open cases
 * are built without them and must yield a superset of what is judged.
 */
export function dueAwareCheck(spec: EventObligationSpec): EventCheck {
  const base = eventObligationCheck(spec);
  return { ...base, evaluateNew: (db, w, dues, params) => base.evaluateNew(db, w, dues, { ...params, [DUES]: dues }) };
}
