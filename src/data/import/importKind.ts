import type { CommonQueryMethods, DatabaseTransactionConnection } from 'slonik';
import type { CsvProblem } from '../csv/csvProblem.js';
import type { FieldSpec, Table, TableRow } from '../csv/csvTable.js';

/** Rows added, changed and left as they were, for one kind of record. */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** What a load did: counts per kind of record (the first is the file's own kind) and other notes. */
export interface LoadResult {
  /** Russian record name («обучающиеся», «родители») → counts. */
  counts: Record<string, ImportCounts>;
  /** Russian description → number («создано объединений»). */
  created: Record<string, number>;
}

/** Where an import runs: the file, the default organisation, today's date, and the problem sink. */
export interface ImportContext {
  file: string;
  /** Organisation for rows without an «Организация» cell (`--org`). */
  organisation?: string;
  /** Today (`YYYY-MM-DD`): dates after it are refused, and it picks the current academic year. */
  today: string;
  report(problem: CsvProblem): void;
}

/** One CSV import kind: its columns, its row checks, its database checks and its set-based load. */
export interface ImportKind<R extends { line: number }> {
  name: string;
  /** Russian name of what the file holds («сотрудники»). */
  title: string;
  fields: FieldSpec[];
  /** Builds records from parsed rows, checking across cells; skips rows it reported. */
  prepare(table: Table, ctx: ImportContext): R[];
  /** Checks references in the database (inside the import transaction, before anything is written). */
  resolve(db: CommonQueryMethods, rows: R[], table: Table, ctx: ImportContext): Promise<void>;
  /** Writes the records; runs only when no problem was reported. */
  load(tx: DatabaseTransactionConnection, rows: R[], table: Table, ctx: ImportContext): Promise<LoadResult>;
}

/** Reports a problem at the column of `field` (or column 1 when the column is absent). */
export function reportAt(ctx: ImportContext, table: Table, row: { line: number }, field: string, message: string): void {
  ctx.report({ file: ctx.file, line: row.line, column: table.columns.get(field) ?? 1, message });
}

/** Files already told that they name no organisation at all (reported once, not per row). */
const withoutOrganisation = new WeakSet<Table>();

/**
 * The organisation of a row: its «Организация» cell, else `--org`. Reports a row that has neither,
 * or once per file when the file has no such column and no `--org` was given.
 */
export function organisationOf(table: Table, row: TableRow, ctx: ImportContext): string | null {
  const org = (row.values.organisation as string | null) ?? ctx.organisation ?? null;
  if (org) return org;
  if (!table.columns.has('organisation')) {
    if (!withoutOrganisation.has(table)) {
      withoutOrganisation.add(table);
      ctx.report({ file: ctx.file, line: 1, column: 1, message: 'не указана организация: добавьте столбец «Организация» или укажите --org' });
    }
  } else reportAt(ctx, table, row, 'organisation', 'не указана организация: заполните столбец «Организация» или укажите --org');
  return null;
}

/** Reports every row whose key repeats an earlier row's (a file must name each record once). */
export function checkUniqueKeys<R extends { line: number }>(rows: R[], keyOf: (r: R) => string, table: Table, field: string, ctx: ImportContext, what: string): R[] {
  const seen = new Map<string, number>();
  return rows.filter((r) => {
    const key = keyOf(r);
    const first = seen.get(key);
    if (first !== undefined) {
      reportAt(ctx, table, r, field, `${what} уже встречается в строке ${first}: каждая запись указывается в файле один раз`);
      return false;
    }
    seen.set(key, r.line);
    return true;
  });
}

/** Counts from inserted and updated totals for `rows` rows. */
export function counts(rows: number, inserted: number, updated: number): ImportCounts {
  return { inserted, updated, unchanged: rows - inserted - updated };
}

/** Adds `b` into `a`. */
export function addCounts(a: ImportCounts, b: ImportCounts): ImportCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

/** The common «Организация» column of staff, students, orders and events. */
export const ORGANISATION_FIELD: FieldSpec = {
  key: 'organisation',
  header: 'Организация',
  aliases: ['Код организации', 'Идентификатор организации', 'Образовательная организация', 'Код ОО'],
  parse: (t, title) => (/^[\p{L}\d][\p{L}\d._-]{0,99}$/u.test(t) ? { value: t } : { reason: `${title} «${t}»: ожидается код организации (буквы, цифры, точка, дефис)` }),
};
