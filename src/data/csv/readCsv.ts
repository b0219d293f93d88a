import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { ImportRejected, type CsvProblem } from './csvProblem.js';

/** One data record with the line it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A parsed file: every record (header rows included), its delimiter, and the file name shown in messages. */
export interface CsvFile {
  file: string;
  delimiter: ';' | ',';
  records: CsvRecord[];
}

const PARSE_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'кавычка открыта, но не закрыта до конца файла',
  CSV_INVALID_CLOSING_QUOTE: 'после закрывающей кавычки должен идти разделитель или конец строки',
  INVALID_OPENING_QUOTE: 'кавычка внутри значения без кавычек',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'после закрывающей кавычки должен идти разделитель или конец строки',
};

/**
 * Reads a CSV file as UTF-8 (a byte-order mark is skipped), detects the delimiter (`;` or `,`, from
 * the first non-empty line, outside quotes) and parses it with `csv-parse`, keeping the line each
 * record starts on. Blank lines are dropped. Throws `ImportRejected` for a file that is not UTF-8,
 * is empty, or is not well-formed CSV (with the line of the fault); throws the file system's error
 * for a missing file.
 */
export function readCsv(path: string, shownAs = path): CsvFile {
  const bytes = readFileSync(path);
  const problem = (line: number, column: number, message: string): ImportRejected => new ImportRejected([{ file: shownAs, line, column, message } satisfies CsvProblem]);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw problem(firstBadLine(body), 1, 'файл не в кодировке UTF-8: сохраните его как «CSV UTF-8 (разделитель — точка с запятой)»');
  }
  const delimiter = detectDelimiter(text);
  let parsed: { record: string[]; raw: string }[];
  try {
    parsed = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, raw: true, bom: false }) as unknown as typeof parsed;
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    throw problem(e.lines ?? 1, 1, `ошибка формата CSV: ${PARSE_ERRORS[e.code ?? ''] ?? 'файл не удалось разобрать'}`);
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const { record, raw } of parsed) {
    if (!record.every((c) => c.trim() === '')) records.push({ line, cells: record });
    // Counted from the raw text: the parser's own line count is off after a quoted CRLF.
    line += (raw.match(/\n/g)?.length ?? 0) + (raw.endsWith('\r') ? 1 : 0);
  }
  if (records.length === 0) throw problem(1, 1, 'файл пуст: нет ни строки заголовка');
  return { file: shownAs, delimiter, records };
}

/** `;` when the first non-empty line has at least as many semicolons as commas outside quotes, else `,`. */
function detectDelimiter(text: string): ';' | ',' {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return semicolons > 0 && semicolons >= commas ? ';' : commas > 0 ? ',' : ';';
}

/** The 1-based line holding the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 1;
}
