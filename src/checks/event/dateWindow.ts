import { sql, type FragmentSqlToken } from 'slonik';
import type { EventWindow } from './eventObligationCheck.js';

/**
 * SQL condition for an event source whose event date is the local date `date` and which was
 * entered at the instant `entered`: true for the rows of `window` (for every row without one),
 * written as ranges on `date` and `entered` so that indexes on either serve it (a bitmap OR of the
 * days judged and of what was entered since the watermark, instead of every event of each date).
 */
export function dateWindow(window: EventWindow | undefined, date: FragmentSqlToken, entered: FragmentSqlToken): FragmentSqlToken {
  if (!window) return sql.fragment`TRUE`;
  const since: FragmentSqlToken[] = [];
  if (window.from) since.push(sql.fragment`${date} >= ${window.from}::date`);
  if (window.enteredAfter) since.push(sql.fragment`${entered} > ${window.enteredAfter}::timestamptz`);
  const to = window.to ? sql.fragment`${date} <= ${window.to}::date` : sql.fragment`TRUE`;
  return sql.fragment`(${entered} <= ${window.enteredBy}::timestamptz AND ${to}
    AND (${since.length ? sql.join(since, sql.fragment` OR `) : sql.fragment`TRUE`}))`;
}
