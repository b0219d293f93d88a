import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { Table } from '../csv/csvTable.js';
import { reportAt, type ImportContext } from './importKind.js';

const known = z.object({ id: z.string(), region: z.string(), type: z.string() });

/** An organisation a file refers to. */
export type KnownOrganisation = z.infer<typeof known>;

/**
 * Looks up the organisations the rows name and reports each row whose organisation the database
 * lacks. Returns the organisations found, by id.
 */
export async function checkOrganisations(db: CommonQueryMethods, rows: { line: number; organisation: string }[], table: Table, ctx: ImportContext): Promise<Map<string, KnownOrganisation>> {
  const ids = [...new Set(rows.map((r) => r.organisation))];
  const found = new Map((await db.any(sql.type(known)`SELECT id, region, type FROM organisations WHERE id = ANY(${sql.array(ids, 'text')})`)).map((o) => [o.id, o]));
  for (const r of rows) {
    if (!found.has(r.organisation)) reportAt(ctx, table, r, 'organisation', `организация «${r.organisation}» не найдена: сначала импортируйте её (reglament import organisations)`);
  }
  return found;
}
