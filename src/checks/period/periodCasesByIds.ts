import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

const row = z.object({
  id: z.number(),
  organisation_id: z.string(),
  organisation_name: z.string(),
  municipality_id: z.string(),
  status: z.string(),
  metric: z.number().nullable(),
  level: z.string().nullable(),
  evidence: z.record(z.unknown()),
});
export type PeriodCaseView = z.infer<typeof row>;

/** Period cases with their organisation's name, for notices. */
export async function periodCasesByIds(db: CommonQueryMethods, ids: number[]): Promise<readonly PeriodCaseView[]> {
  if (ids.length === 0) return [];
  return db.any(sql.type(row)`
    SELECT c.id, g.id AS organisation_id, g.name AS organisation_name, g.municipality_id, c.status,
           c.metric::float8 AS metric, c.level, c.evidence
    FROM obligation_cases c JOIN organisations g ON g.id = c.organisation_id
    WHERE c.id = ANY(${sql.array(ids, 'int8')})
    ORDER BY g.name, c.id`);
}
