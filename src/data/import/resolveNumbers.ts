import type { Table } from '../csv/csvTable.js';
import { reportAt, type ImportContext } from './importKind.js';
import type { NumberMatches } from './matchByNumber.js';

/**
 * Points rows keyed by a number at the existing record with that number: its external id becomes
 * the row's key, or, when it has none, the record is claimed for the row's key at load. Reports a
 * number that several records of the organisation share.
 */
export function resolveNumbers(rows: { line: number; organisation: string; key: string; byNumber: boolean; claim?: number }[], matches: NumberMatches, table: Table, ctx: ImportContext, field: string, what: string): void {
  for (const r of rows) {
    if (!r.byNumber) continue;
    const m = matches.get(`${r.organisation}\u0000${r.key}`);
    if (m === undefined) continue;
    if (m === 'ambiguous') reportAt(ctx, table, r, field, `${what} не однозначен в организации «${r.organisation}»: у нескольких записей одинаковый; добавьте столбец «Идентификатор»`);
    else if (m.externalId === null) r.claim = m.id;
    else r.key = m.externalId;
  }
}
