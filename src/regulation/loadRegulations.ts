import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileRegulation } from './compile.js';
import type { CompiledRegulation } from './model.js';
import { sortProblems, type Lang, type Problem } from './problem.js';
import type { RawRegulation } from './rawRegulation.js';
import { validateAgainstSchema } from './schemaValidator.js';
import { semanticChecks, type SemanticContext } from './semanticChecks.js';
import { readSource } from './sourceFile.js';

/** The result of loading a set of regulation files. */
export interface LoadResult {
  files: number;
  rules: number;
  /** Every problem found, sorted; warnings included. */
  problems: Problem[];
  /** Compiled regulations, only for files without errors. */
  regulations: CompiledRegulation[];
}

/** Most problems reported per run: beyond this an operator fixes the first ones and reruns. */
export const MAX_PROBLEMS = 500;

/** Expands files and folders into the sorted list of `.yaml`/`.yml` files they hold (recursively). */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      out.push(...expandPaths(readdirSync(p).filter((f) => !f.startsWith('.')).map((f) => join(p, f))));
    } else if (/\.ya?ml$/.test(p)) out.push(p);
  }
  return [...new Set(out)].sort();
}

/** A problem for an unexpected exception while checking or compiling a file (a bug in Reglament). */
function internalProblem(file: string, err: unknown, lang: Lang): Problem {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    file, line: 1, column: 1, code: 'INTERNAL', severity: 'error',
    message: lang === 'ru' ? `внутренняя ошибка при проверке файла: ${detail}` : `internal error while checking the file: ${detail}`,
    hint: lang === 'ru' ? 'это ошибка Reglament, а не файла: сообщите разработчикам' : 'this is a bug in Reglament, not in the file: please report it',
  };
}

/**
 * Loads, validates (YAML syntax, JSON Schema, semantic checks) and compiles every regulation file
 * under `paths`. Collects all problems instead of stopping at the first; paths in problems are
 * relative to `cwd`. Throws only when a path does not exist or cannot be read; an exception from
 * the checks or the compiler becomes an `INTERNAL` problem of that file.
 */
export function loadRegulations(paths: string[], opts: { lang?: Lang; cwd?: string; calendars: SemanticContext['calendars'] }): LoadResult {
  const lang = opts.lang ?? 'ru';
  const cwd = opts.cwd ?? process.cwd();
  const ctx: SemanticContext = { calendars: opts.calendars, seenRegulationIds: new Map() };
  const problems: Problem[] = [];
  const regulations: CompiledRegulation[] = [];
  let rules = 0;
  const files = expandPaths(paths);
  for (const file of files) {
    const shown = relative(cwd, file) || file;
    const { source, problems: syntax } = readSource(file, lang);
    source.path = shown;
    for (const p of syntax) p.file = shown;
    problems.push(...syntax);
    if (source.data === undefined) continue;
    const schema = validateAgainstSchema(source, 'regulation.schema.json', lang);
    problems.push(...schema);
    if (schema.length > 0) continue;
    const raw = source.data as RawRegulation;
    rules += raw.rules.length;
    try {
      const semantic = semanticChecks(source, raw, ctx, lang);
      problems.push(...semantic);
      if (semantic.some((p) => p.severity === 'error') || syntax.some((p) => p.severity === 'error')) continue;
      regulations.push(compileRegulation(raw, shown, source.text));
    } catch (err) {
      // A defect in the checks or the compiler must not hide the problems of the other files;
      // the file is reported and left uncompiled.
      problems.push(internalProblem(shown, err, lang));
    }
  }
  return { files: files.length, rules, problems: sortProblems(problems).slice(0, MAX_PROBLEMS), regulations };
}
