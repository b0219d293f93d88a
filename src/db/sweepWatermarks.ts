import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import { pendingOfRule } from '../notify/notificationStore.js';

/** Where a rule's sweep starts from. */
export interface SweepStart {
  /** The watermark before this sweep (undefined before the first sweep). */
  watermark: string | undefined;
  /** The rule's cases open before this sweep: with none, there is nothing to close. */
  openCases: number;
  /** The rule's notifications pending before this sweep (a send that failed or was cut short). */
  pendingNotices: number;
}

/**
 * Moves the rule's sweep watermark (everything due up to it was evaluated) forward to `at`, never
 * backwards, and returns where it stood before, with the counts of the rule's open cases and
 * pending notifications (with neither, and no case opened now, a sweep has nothing to escalate). One
 * statement: the row is locked until the caller's transaction ends, so a second sweep of the rule
 * waits and then starts from the moved watermark. Run inside the sweep's transaction, so that a
 * failed sweep leaves the watermark where it was.
 */
export async function advanceWatermark(db: CommonQueryMethods, regulationId: string, ruleId: string, at: string): Promise<SweepStart> {
  // Every part of one statement sees the same snapshot: `previous` reads the row as it was before
  // the upsert in `moved`.
  const row = await db.one(sql.type(z.object({ watermark: z.string().nullable(), open: z.number(), pending: z.number() }))`
    WITH previous AS (
      SELECT watermark FROM sweep_watermarks WHERE regulation_id = ${regulationId} AND rule_id = ${ruleId} FOR UPDATE
    ),
    moved AS (
      INSERT INTO sweep_watermarks (regulation_id, rule_id, watermark) VALUES (${regulationId}, ${ruleId}, ${at}::timestamptz)
      ON CONFLICT (regulation_id, rule_id) DO UPDATE SET watermark = greatest(sweep_watermarks.watermark, excluded.watermark)
    )
    SELECT (SELECT watermark FROM previous) AS watermark,
           (SELECT count(*)::int FROM obligation_cases
            WHERE regulation_id = ${regulationId} AND rule_id = ${ruleId} AND status = 'open') AS open,
           (SELECT count(*)::int FROM ${pendingOfRule({ regulationId, ruleId })}) AS pending`);
  return { watermark: row.watermark ?? undefined, openCases: row.open, pendingNotices: row.pending };
}
