import { sql, type DatabaseTransactionConnection, type FragmentSqlToken, type PrimitiveValueExpression } from 'slonik';
import { z } from 'zod';

/** A column fed to the upsert: its name in the unnested rows and its PostgreSQL type. */
export type SourceColumn = readonly [name: string, type: string];

/** How rows of one file become rows of one table. */
export interface UpsertPlan {
  table: string;
  source: readonly SourceColumn[];
  /** Target column → expression over `u` (the unnested rows) and joined tables. */
  target: readonly (readonly [column: string, expression: FragmentSqlToken])[];
  /** Extra `JOIN …` after `FROM unnest(…) AS u`. */
  join?: FragmentSqlToken;
  /** The conflict target, e.g. `(organisation_id, external_id) WHERE external_id IS NOT NULL`. */
  conflict: FragmentSqlToken;
  /** Target columns updated on conflict when any of them differs (the file's columns). */
  compared: readonly string[];
  /** Extra assignments on update (`updated_at = now()`), applied only to rows that changed. */
  onUpdate?: readonly (readonly [column: string, expression: FragmentSqlToken])[];
}

const BATCH = 5000;
const result = z.object({ inserted: z.number(), updated: z.number() });

/**
 * Inserts the rows or updates the existing ones (by the conflict target) where a compared column
 * differs, in batches of set-based statements. Returns how many were inserted and updated; the
 * rest were unchanged. Throws the database's error (the caller's transaction rolls back).
 */
export async function upsertRows(tx: DatabaseTransactionConnection, plan: UpsertPlan, rows: readonly (readonly unknown[])[]): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  const table = sql.identifier([plan.table]);
  const targetColumns = sql.join(plan.target.map(([c]) => sql.identifier([c])), sql.fragment`, `);
  const targetValues = sql.join(plan.target.map(([, e]) => e), sql.fragment`, `);
  const compared = plan.compared;
  const assignments = sql.join(
    [...compared.map((c) => sql.fragment`${sql.identifier([c])} = EXCLUDED.${sql.identifier([c])}`), ...(plan.onUpdate ?? []).map(([c, e]) => sql.fragment`${sql.identifier([c])} = ${e}`)],
    sql.fragment`, `,
  );
  const conflictAction = compared.length === 0
    ? sql.fragment`DO NOTHING`
    : sql.fragment`DO UPDATE SET ${assignments}
        WHERE ROW(${sql.join(compared.map((c) => sql.identifier([plan.table, c])), sql.fragment`, `)})
              IS DISTINCT FROM ROW(${sql.join(compared.map((c) => sql.fragment`EXCLUDED.${sql.identifier([c])}`), sql.fragment`, `)})`;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const unnest = sql.join(
      plan.source.map(([, type], i) => sql.array(batch.map((r) => (r[i] ?? null) as PrimitiveValueExpression), type)),
      sql.fragment`, `,
    );
    const names = sql.join(plan.source.map(([n]) => sql.identifier([n])), sql.fragment`, `);
    const r = await tx.one(sql.type(result)`
      WITH done AS (
        INSERT INTO ${table} (${targetColumns})
        SELECT ${targetValues}
        FROM unnest(${unnest}) AS u(${names})
        ${plan.join ?? sql.fragment``}
        ON CONFLICT ${plan.conflict} ${conflictAction}
        RETURNING (xmax = 0) AS inserted
      )
      SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM done`);
    inserted += r.inserted;
    updated += r.updated;
  }
  return { inserted, updated };
}

/** `u.<name>` — a source column as a target expression. */
export function fromRow(name: string): FragmentSqlToken {
  return sql.fragment`${sql.identifier(['u', name])}`;
}
