import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

const match = z.object({ organisation_id: z.string(), key: z.string(), id: z.number(), by_id: z.boolean() });

/** How a student reference resolved: the student's id, or why not. */
export type StudentMatch = { id: number } | { missing: true } | { ambiguous: true };

/**
 * Resolves references to students by organisation and key: the student whose external id is the
 * key, else the only student whose personal-file number is the key. Returns one result per
 * `organisation\0key`.
 */
export async function lookupStudents(db: CommonQueryMethods, refs: { organisation: string; key: string }[]): Promise<Map<string, StudentMatch>> {
  const unique = [...new Map(refs.map((r) => [`${r.organisation}\u0000${r.key}`, r])).values()];
  const rows = await db.any(sql.type(match)`
    SELECT u.organisation_id, u.key, s.id, s.external_id IS NOT DISTINCT FROM u.key AS by_id
    FROM unnest(${sql.array(unique.map((r) => r.organisation), 'text')}, ${sql.array(unique.map((r) => r.key), 'text')}) AS u(organisation_id, key)
    JOIN students s ON s.organisation_id = u.organisation_id AND (s.external_id = u.key OR s.personal_file_no = u.key)`);
  const found = new Map<string, { byId: number[]; byFile: number[] }>();
  for (const r of rows) {
    const k = `${r.organisation_id}\u0000${r.key}`;
    const entry = found.get(k) ?? { byId: [], byFile: [] };
    (r.by_id ? entry.byId : entry.byFile).push(r.id);
    found.set(k, entry);
  }
  const out = new Map<string, StudentMatch>();
  for (const r of unique) {
    const k = `${r.organisation}\u0000${r.key}`;
    const e = found.get(k);
    if (e?.byId.length === 1) out.set(k, { id: e.byId[0]! });
    else if (e && e.byId.length === 0 && e.byFile.length === 1) out.set(k, { id: e.byFile[0]! });
    else if (e) out.set(k, { ambiguous: true });
    else out.set(k, { missing: true });
  }
  return out;
}
