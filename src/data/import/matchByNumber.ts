import { sql, type CommonQueryMethods, type DatabaseTransactionConnection } from 'slonik';
import { z } from 'zod';

const found = z.object({ organisation_id: z.string(), number: z.string(), id: z.number(), external_id: z.string().nullable() });

/** An existing record a row keyed by its number refers to, or `ambiguous` when several share the number. */
export type NumberMatch = { id: number; externalId: string | null } | 'ambiguous';

/** The records of `table` that rows name by a number column, keyed `organisation\0number`. */
export type NumberMatches = Map<string, NumberMatch>;

/**
 * Finds existing records (students by personal-file number, staff by personnel number) for rows
 * that have no external id: a record entered by hand or by another import must be updated, not
 * duplicated. Returns one entry per organisation and number found.
 */
export async function matchByNumber(db: CommonQueryMethods, table: 'students' | 'staff', column: 'personal_file_no' | 'personnel_no', refs: { organisation: string; number: string }[]): Promise<NumberMatches> {
  const rows = await db.any(sql.type(found)`
    SELECT t.organisation_id, u.number, t.id, t.external_id
    FROM ${sql.identifier([table])} t
    JOIN unnest(${sql.array(refs.map((r) => r.organisation), 'text')}, ${sql.array(refs.map((r) => r.number), 'text')}) AS u(organisation_id, number)
      ON t.organisation_id = u.organisation_id AND ${sql.identifier(['t', column])} = u.number`);
  const out: NumberMatches = new Map();
  for (const r of rows) {
    const key = `${r.organisation_id}\u0000${r.number}`;
    out.set(key, out.has(key) ? 'ambiguous' : { id: r.id, externalId: r.external_id });
  }
  return out;
}

/** Gives the matched records without an external id the row's key, so that the upsert finds them. Returns how many. */
export async function claimRecords(tx: DatabaseTransactionConnection, table: 'students' | 'staff', claims: { id: number; key: string }[]): Promise<number> {
  if (claims.length === 0) return 0;
  const result = await tx.query(sql.unsafe`
    UPDATE ${sql.identifier([table])} t SET external_id = u.key
    FROM unnest(${sql.array(claims.map((c) => c.id), 'int8')}, ${sql.array(claims.map((c) => c.key), 'text')}) AS u(id, key)
    WHERE t.id = u.id AND t.external_id IS NULL`);
  return result.rowCount;
}
