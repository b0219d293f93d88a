import { sql, type CommonQueryMethods, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { REGIONS } from '../../regions.js';
import type { DueByDate, OpenCase, SweepWindow } from './eventCheck.js';

/** The IANA zone of a region (UTC for an unknown one), in which event dates are local dates. */
export const zoneOf = (region: string): string => REGIONS[region]?.timezone ?? 'UTC';

/**
 * SQL condition on `organisations g`: the organisations a sweep judges — the window's region, the
 * rule's organisation types, and its municipalities if it names any.
 */
export function sweepScope(w: SweepWindow): FragmentSqlToken {
  return sql.fragment`g.region = ${w.region}
    AND g.type = ANY(${sql.array(w.organisationTypes, 'text')})
    AND (${w.municipalities ? sql.fragment`g.municipality_id = ANY(${sql.array(w.municipalities, 'text')})` : sql.fragment`TRUE`})`;
}

/**
 * The distinct local dates of `events` (a SELECT with `organisation_id`, `event_date`,
 * `entered_at`) that a sweep must look at: in scope, in force, known by `asOf`, not after the
 * window's `lastEventDate`, and either on or after `earliestDate` (possibly due after the
 * watermark) or entered since the watermark.
 */
export async function candidateDatesOf(db: CommonQueryMethods, events: FragmentSqlToken, w: SweepWindow, earliestDate: string): Promise<string[]> {
  const rows = await db.any(sql.type(z.object({ event_date: z.string() }))`
    SELECT DISTINCT e.event_date
    FROM (${events}) e
    JOIN organisations g ON g.id = e.organisation_id
    WHERE ${sweepScope(w)}
      AND e.event_date >= ${w.effectiveFrom}::date
      AND e.entered_at <= ${w.asOf}::timestamptz
      AND (e.event_date >= ${earliestDate}::date OR e.entered_at > ${w.watermark}::timestamptz)
      AND (${w.lastEventDate ? sql.fragment`e.event_date <= ${w.lastEventDate}::date` : sql.fragment`TRUE`})
    ORDER BY e.event_date`);
  return rows.map((r) => r.event_date);
}

/** SQL condition on `obligation_cases c`: all cases, or only those of `ids` when given. */
export function caseIdsFilter(ids: readonly number[] | undefined): FragmentSqlToken {
  return ids ? sql.fragment`c.id = ANY(${sql.array([...ids], 'int8')})` : sql.fragment`TRUE`;
}

/**
 * The case columns every `openCases` query reads (the case with its organisation's name); each
 * check `.extend`s it with what its notices say about the event.
 */
export const openCaseRow = z.object({
  id: z.number(),
  organisation_id: z.string(),
  organisation_name: z.string(),
  municipality_id: z.string(),
  due_at: z.string(),
  last_day: z.string(),
});

/** The case part of an `OpenCase`, from an `openCaseRow`. */
export function caseFields(r: z.infer<typeof openCaseRow>): Pick<OpenCase, 'id' | 'organisation_id' | 'organisation_name' | 'municipality_id' | 'due_at' | 'last_day'> {
  return { id: r.id, organisation_id: r.organisation_id, organisation_name: r.organisation_name, municipality_id: r.municipality_id, due_at: r.due_at, last_day: r.last_day };
}

/** The row an `evaluateNew` query returns: counts and the cases it opened (`NewCases`). */
export const newCasesRow = z.object({
  met: z.number(),
  met_late: z.number(),
  opened: z.number(),
});

/**
 * The deadlines being judged as a relation `<alias>(<dateColumn>, due_at, last_day, next_step_at)`
 * to join events to; `dateType` is the SQL type of the event key (`date`, or `text` for keys finer
 * than a day). `next_step_at` is null where the sweep gave none.
 */
export function duesRelation(dues: readonly DueByDate[], alias: string, dateColumn = 'event_date', dateType: 'date' | 'text' = 'date'): FragmentSqlToken {
  return sql.fragment`unnest(${sql.array(dues.map((d) => d.eventDate), dateType)}, ${sql.array(dues.map((d) => d.dueAt), 'timestamptz')},
    ${sql.array(dues.map((d) => d.lastDay), 'date')}, ${sql.array(dues.map((d) => d.nextStepAt ?? null), 'timestamptz')})
    AS ${sql.identifier([alias])}(${sql.identifier([dateColumn])}, due_at, last_day, next_step_at)`;
}
