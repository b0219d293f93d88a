import { sql, type DatabasePool } from 'slonik';
import { ImportRejected, sortProblems, type CsvProblem } from '../csv/csvProblem.js';
import { readTable, type Table } from '../csv/csvTable.js';
import { readCsv, type CsvFile } from '../csv/readCsv.js';
import { eventsImport } from './eventsImport.js';
import type { ImportContext, ImportCounts, ImportKind } from './importKind.js';
import { ordersImport } from './ordersImport.js';
import { organisationsImport } from './organisationsImport.js';
import { staffImport } from './staffImport.js';
import { studentsImport } from './studentsImport.js';

/** The import kinds by name. */
export const IMPORT_KINDS: Record<string, ImportKind<{ line: number }>> = {
  organisations: organisationsImport as unknown as ImportKind<{ line: number }>,
  staff: staffImport as unknown as ImportKind<{ line: number }>,
  students: studentsImport as unknown as ImportKind<{ line: number }>,
  orders: ordersImport as unknown as ImportKind<{ line: number }>,
  events: eventsImport as unknown as ImportKind<{ line: number }>,
};

/** What an import did. */
export interface ImportReport {
  kind: string;
  file: string;
  delimiter: ';' | ',';
  /** Data rows in the file. */
  rows: number;
  /** Counts per kind of record, the file's own kind first. */
  counts: Record<string, ImportCounts>;
  created: Record<string, number>;
  /** Headers that matched no column of the kind (not imported). */
  ignoredColumns: string[];
}

/** Most problems listed for one file: beyond this, fix the first ones and import again. */
export const MAX_PROBLEMS = 200;

/** Options of an import. */
export interface ImportOptions {
  /** Organisation for rows without an «Организация» cell. */
  organisation?: string;
  /** Today, `YYYY-MM-DD` (default: the current UTC date). */
  today?: string;
  /** The file name shown in messages (default: the path). */
  shownAs?: string;
}

/** A file read and checked without the database, ready for `loadImport`. */
export interface PreparedImport {
  kind: string;
  spec: ImportKind<{ line: number }>;
  csv: CsvFile;
  table: Table;
  rows: { line: number }[];
  ctx: ImportContext;
  problems: CsvProblem[];
}

function rejected(problems: CsvProblem[]): ImportRejected {
  return new ImportRejected(sortProblems(problems).slice(0, MAX_PROBLEMS), Math.max(0, problems.length - MAX_PROBLEMS));
}

/**
 * Reads a CSV file of `kind` (`organisations`, `staff`, `students`, `orders`, `events`) and checks
 * every row without the database; the problems found are kept in the result (so that `loadImport`
 * can add those of the database checks and report all at once). Throws `ImportRejected` for a file
 * that cannot be read as CSV (encoding, quotes, empty); `Error` for an unknown kind; the file
 * system's error for a missing file.
 */
export function prepareImport(kind: string, path: string, options: ImportOptions = {}): PreparedImport {
  const spec = IMPORT_KINDS[kind];
  if (!spec) throw new Error(`Неизвестный вид импорта «${kind}»: ${Object.keys(IMPORT_KINDS).join(', ')}`);
  const csv = readCsv(path, options.shownAs ?? path);
  const problems: CsvProblem[] = [];
  const ctx: ImportContext = {
    file: csv.file,
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
    today: options.today ?? new Date().toISOString().slice(0, 10),
    report: (p) => {
      problems.push(p);
    },
  };
  const table = readTable(csv, spec.fields, ctx.report);
  const rows = spec.prepare(table, ctx);
  if (table.rows.length === 0 && problems.length === 0) problems.push({ file: csv.file, line: csv.records[0]!.line, column: 1, message: 'в файле нет строк с данными, только заголовок' });
  return { kind, spec, csv, table, rows, ctx, problems };
}

/**
 * Checks a prepared file's references in the database and loads all of it in one transaction
 * (under an advisory lock, so two imports do not interleave) as set-based upserts on natural keys,
 * so that importing the same file again changes nothing. Throws `ImportRejected` with every problem
 * (of the rows and of the references) and writes nothing when any was found; database errors pass
 * through (and nothing is written).
 */
export async function loadImport(pool: DatabasePool, prepared: PreparedImport): Promise<ImportReport> {
  const { spec, table, rows, ctx, problems, csv } = prepared;
  const loaded = await pool.transaction(async (tx) => {
    await tx.query(sql.unsafe`SELECT pg_advisory_xact_lock(hashtext('reglament-import'))`);
    await spec.resolve(tx, rows, table, ctx);
    if (problems.length) throw rejected(problems);
    return spec.load(tx, rows, table, ctx);
  });
  return { kind: prepared.kind, file: csv.file, delimiter: csv.delimiter, rows: table.rows.length, counts: loaded.counts, created: loaded.created, ignoredColumns: table.ignored };
}

/** `prepareImport` then `loadImport`: validates everything first, then imports all or nothing. Throws as they do. */
export async function importCsv(pool: DatabasePool, kind: string, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return loadImport(pool, prepareImport(kind, path, options));
}

/** The import summary in Russian. */
export function formatImportReport(r: ImportReport): string {
  const lines = [`Импорт «${r.kind}» из ${r.file}: строк с данными ${r.rows} (разделитель «${r.delimiter}»).`];
  for (const [what, c] of Object.entries(r.counts)) lines.push(`  ${what}: добавлено ${c.inserted}, изменено ${c.updated}, без изменений ${c.unchanged}`);
  for (const [what, n] of Object.entries(r.created)) lines.push(`  ${what}: ${n}`);
  if (r.ignoredColumns.length) lines.push(`Не импортированы столбцы без соответствия: ${r.ignoredColumns.map((c) => `«${c}»`).join(', ')}`);
  return lines.join('\n') + '\n';
}
