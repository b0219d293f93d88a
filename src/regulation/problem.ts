/** Language of user-facing messages: Russian by default, English on request. */
export type Lang = 'ru' | 'en';

/** One located problem in a regulation file. Lines and columns are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Stable, documented identifier of the kind of problem (e.g. `UNKNOWN_KEY`). */
  code: string;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

/** Orders problems by file, line, column, then code, so output is stable across runs. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code),
  );
}

/** Renders a problem as `path:line:col: CODE message (hint)`, the form editors and CI logs link to. */
export function formatProblem(p: Problem, lang: Lang = 'ru'): string {
  const hint = p.hint ? (lang === 'ru' ? ` (подсказка: ${p.hint})` : ` (hint: ${p.hint})`) : '';
  const warn = p.severity === 'warning' ? (lang === 'ru' ? 'предупреждение: ' : 'warning: ') : '';
  return `${p.file}:${p.line}:${p.column}: ${p.code} ${warn}${p.message}${hint}`;
}
