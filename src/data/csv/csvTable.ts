import type { CsvProblem } from './csvProblem.js';
import { normaliseWord, type CellParser } from './fieldParsers.js';
import type { CsvFile, CsvRecord } from './readCsv.js';

/** A column an import kind understands. */
export interface FieldSpec {
  key: string;
  /** The header as written in the template («Дата рождения»); messages use it in lower case. */
  header: string;
  /** Other spellings of the header; a multi-row header matches by its last parts («Паспорт / Серия»). */
  aliases?: string[];
  /** The column must be present and every cell filled. */
  required?: boolean;
  /** Names, documents, contacts: a message about this column never shows the value. */
  personal?: boolean;
  parse: CellParser;
}

/** A data row: its line, parsed values (null for empty cells or absent columns) and where each field sits. */
export interface TableRow {
  line: number;
  values: Record<string, unknown>;
  /** Fields whose cell was filled but could not be parsed (already reported). */
  invalid: Set<string>;
}

/** A file mapped onto a kind's fields. */
export interface Table {
  file: string;
  rows: TableRow[];
  /** Field key → 1-based column. Absent optional columns are missing here. */
  columns: Map<string, number>;
  /** Headers no field claimed (reported, not imported). */
  ignored: string[];
}

/** How many header rows a file may have (the student-import sheet has three). */
const MAX_HEADER_ROWS = 3;

/**
 * Maps a parsed CSV onto `fields` by header name (never by position) and parses every cell.
 * Headers are compared case-insensitively with `ё` = `е` and punctuation ignored; a header of up to
 * three rows (groups spanning sub-columns, as in the student-import sheet) is joined per column
 * into one name. Problems go to `report`: a missing required column, a header claimed twice, an
 * empty required cell, an unparseable value (without the value for personal columns). Rows with
 * problems are still returned (with null in the bad cells) so that later checks can run.
 */
export function readTable(csv: CsvFile, fields: FieldSpec[], report: (p: CsvProblem) => void): Table {
  const headerRows = countHeaderRows(csv.records, fields);
  const names = headerNames(csv.records.slice(0, headerRows));
  const headerLine = csv.records[0]!.line;
  const columns = new Map<string, number>();
  const ignored: string[] = [];
  const claimedBy = new Map<string, string>();
  names.forEach((name, i) => {
    if (!name) return;
    const field = matchField(name, fields);
    if (field === 'ambiguous') {
      report({ file: csv.file, line: headerLine, column: i + 1, message: `столбец «${name}» подходит к нескольким полям: уточните заголовок` });
    } else if (!field) {
      ignored.push(name);
    } else if (columns.has(field.key)) {
      report({ file: csv.file, line: headerLine, column: i + 1, message: `столбец «${field.header}» повторяется (уже был «${claimedBy.get(field.key)}» в столбце ${columns.get(field.key)})` });
    } else {
      columns.set(field.key, i + 1);
      claimedBy.set(field.key, name);
    }
  });
  for (const f of fields) {
    if (f.required && !columns.has(f.key)) report({ file: csv.file, line: headerLine, column: 1, message: `нет обязательного столбца «${f.header}»` });
  }
  const rows: TableRow[] = [];
  for (const record of csv.records.slice(headerRows)) {
    const values: Record<string, unknown> = {};
    const invalid = new Set<string>();
    for (const f of fields) {
      const column = columns.get(f.key);
      const raw = column === undefined ? '' : (record.cells[column - 1] ?? '').trim();
      values[f.key] = null;
      if (raw === '') {
        if (f.required && column !== undefined) report({ file: csv.file, line: record.line, column, message: `не заполнено обязательное поле «${f.header}»` });
        continue;
      }
      const parsed = f.parse(raw, fieldTitle(f.header));
      if ('value' in parsed) values[f.key] = parsed.value;
      else {
        invalid.add(f.key);
        report({ file: csv.file, line: record.line, column: column!, message: f.personal ? withoutValue(parsed.reason, raw) : parsed.reason });
      }
    }
    rows.push({ line: record.line, values, invalid });
  }
  return { file: csv.file, rows, columns, ignored };
}

/** A header as it reads inside a sentence: lower case, except abbreviations (СНИЛС, ИНН). */
export function fieldTitle(header: string): string {
  return header.split(' ').map((w) => (/\p{Lu}{2}/u.test(w) && !/\p{Ll}/u.test(w) ? w : w.toLowerCase())).join(' ');
}

/** A reason about a personal column with any quotation of the value removed (a safety net: such parsers do not quote). */
function withoutValue(reason: string, raw: string): string {
  if (raw.length < 2 || !reason.includes(raw)) return reason;
  return reason.split(`«${raw}»`).join('').split(raw).join('…').replace(/\s{2,}/g, ' ').replace(/\s+([:,])/g, '$1').trim();
}

/** The field whose header or alias matches `name` best: an exact match, else the longest alias the name ends with. */
function matchField(name: string, fields: FieldSpec[]): FieldSpec | 'ambiguous' | null {
  const n = normaliseWord(name);
  let best: FieldSpec | null = null;
  let bestScore = 0;
  let tie = false;
  for (const f of fields) {
    for (const alias of [f.header, ...(f.aliases ?? [])].map(normaliseWord)) {
      const score = n === alias ? 10_000 + alias.length : n.endsWith(` ${alias}`) ? alias.length : 0;
      if (score === 0) continue;
      if (score > bestScore) [best, bestScore, tie] = [f, score, false];
      else if (score === bestScore && best !== f) tie = true;
    }
  }
  return tie ? 'ambiguous' : best;
}

/**
 * Header rows: the first record, and up to two more whose every filled cell is made of header
 * words (a data row always holds something else: a name, a date, a number).
 */
function countHeaderRows(records: CsvRecord[], fields: FieldSpec[]): number {
  const vocabulary = new Set(fields.flatMap((f) => [f.header, ...(f.aliases ?? [])]).flatMap((a) => normaliseWord(a).split(' ')));
  let rows = 1;
  while (rows < Math.min(MAX_HEADER_ROWS, records.length)) {
    const filled = records[rows]!.cells.map((c) => normaliseWord(c)).filter(Boolean);
    if (filled.length === 0 || !filled.every((c) => c.split(' ').every((w) => vocabulary.has(w)))) break;
    rows++;
  }
  return rows;
}

/**
 * One name per column from the header rows: a group cell spans the empty cells to its right as
 * long as a lower header row has something under them, and the parts are joined with « / ».
 */
function headerNames(rows: CsvRecord[]): string[] {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => (r.cells[i] ?? '').trim()));
  for (let r = 0; r < grid.length - 1; r++) {
    for (let c = 1; c < width; c++) {
      const below = grid.slice(r + 1).some((row) => row[c] !== '');
      if (grid[r]![c] === '' && below && grid[r]![c - 1] !== '' && grid.slice(r + 1).some((row) => row[c - 1] !== '')) grid[r]![c] = grid[r]![c - 1]!;
    }
  }
  return Array.from({ length: width }, (_, c) => grid.map((row) => row[c]).filter(Boolean).join(' / '));
}
