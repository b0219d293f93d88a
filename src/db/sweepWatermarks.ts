import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

/** The rule's sweep watermark (everything due up to it was evaluated), or undefined before the first sweep. */
export async function readWatermark(db: CommonQueryMethods, regulationId: string, ruleId: string): Promise<string | undefined> {
  const row = await db.maybeOne(sql.type(z.object({ watermark: z.string() }))`
    SELECT watermark FROM sweep_watermarks WHERE regulation_id = ${regulationId} AND rule_id = ${ruleId} FOR UPDATE`);
  return row?.watermark;
}

/** Moves the rule's watermark forward to `at` (never backwards). */
export async function advanceWatermark(db: CommonQueryMethods, regulationId: string, ruleId: string, at: string): Promise<void> {
  await db.query(sql.unsafe`
    INSERT INTO sweep_watermarks (regulation_id, rule_id, watermark) VALUES (${regulationId}, ${ruleId}, ${at}::timestamptz)
    ON CONFLICT (regulation_id, rule_id) DO UPDATE SET watermark = greatest(sweep_watermarks.watermark, excluded.watermark)`);
}
