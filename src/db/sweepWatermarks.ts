import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

/**
 * Moves the rule's sweep watermark (everything due up to it was evaluated) forward to `at`, never
 * backwards, and returns where it stood before (undefined before the first sweep). One statement:
 * the row is locked until the caller's transaction ends, so a second sweep of the rule waits and
 * then starts from the moved watermark. Run inside the sweep's transaction, so that a failed sweep
 * leaves the watermark where it was.
 */
export async function advanceWatermark(db: CommonQueryMethods, regulationId: string, ruleId: string, at: string): Promise<string | undefined> {
  // Every part of one statement sees the same snapshot: `previous` reads the row as it was before
  // the upsert in `moved`.
  const row = await db.one(sql.type(z.object({ watermark: z.string().nullable() }))`
    WITH previous AS (
      SELECT watermark FROM sweep_watermarks WHERE regulation_id = ${regulationId} AND rule_id = ${ruleId} FOR UPDATE
    ),
    moved AS (
      INSERT INTO sweep_watermarks (regulation_id, rule_id, watermark) VALUES (${regulationId}, ${ruleId}, ${at}::timestamptz)
      ON CONFLICT (regulation_id, rule_id) DO UPDATE SET watermark = greatest(sweep_watermarks.watermark, excluded.watermark)
    )
    SELECT (SELECT watermark FROM previous) AS watermark`);
  return row.watermark ?? undefined;
}
