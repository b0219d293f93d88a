/** A problem in an import file, positioned for an editor: 1-based line and column. */
export interface CsvProblem {
  file: string;
  line: number;
  column: number;
  /** Russian, without personal data: it names the row and column, never a name, SNILS or passport. */
  message: string;
}

/** `file:line:column: message`. */
export function formatProblem(p: CsvProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/** Problems sorted by position (line, then column), as an editor walks them. */
export function sortProblems(problems: CsvProblem[]): CsvProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
}

/** Thrown when a file is refused; nothing of it has been imported. Carries the problems found (up to a cap) and how many more there were. */
export class ImportRejected extends Error {
  constructor(readonly problems: CsvProblem[], readonly omitted = 0) {
    super(sortProblems(problems).map(formatProblem).join('\n') + (omitted ? `\nи ещё ${omitted}` : ''));
    this.name = 'ImportRejected';
  }
}
