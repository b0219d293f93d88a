import type { Command } from 'commander';
import { ImportRejected, formatProblem, sortProblems } from '../data/csv/csvProblem.js';
import { formatImportReport, IMPORT_KINDS, loadImport, prepareImport } from '../data/import/importCsv.js';
import { keepExitCode } from '../data/keepExitCode.js';
import { withDatabase } from './withDatabase.js';

/**
 * Registers `reglament import <kind> <file.csv> [--org ID] [--json]`: imports organisations, staff,
 * students (with parents), movement orders or events from CSV (UTF-8, `;` or `,`). A file with any
 * bad row is refused whole: every problem is printed as `file:line:column: reason` and the exit
 * code is 1. Re-importing the same file changes nothing.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Импорт из CSV: организации, сотрудники, обучающиеся с родителями, приказы о движении, события')
    .argument('<kind>', `что импортировать: ${Object.keys(IMPORT_KINDS).join(', ')}`)
    .argument('<file>', 'файл CSV (UTF-8, разделитель «;» или «,»)')
    .option('--org <id>', 'организация для строк без столбца «Организация»')
    .option('--json', 'итог в JSON')
    .action(async (kind: string, file: string, opts: { org?: string; json?: boolean }) => {
      if (!IMPORT_KINDS[kind]) {
        process.stderr.write(`reglament import: неизвестный вид «${kind}»; возможны: ${Object.keys(IMPORT_KINDS).join(', ')}\n`);
        keepExitCode(1);
        return;
      }
      try {
        // An unreadable file fails before the database is started; row problems are reported
        // together with the reference checks, which need the database.
        const prepared = prepareImport(kind, file, opts.org !== undefined ? { organisation: opts.org } : {});
        const report = await withDatabase((pool) => loadImport(pool, prepared));
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatImportReport(report));
      } catch (err) {
        if (err instanceof ImportRejected) {
          for (const p of sortProblems(err.problems)) process.stderr.write(formatProblem(p) + '\n');
          if (err.omitted) process.stderr.write(`… и ещё ошибок: ${err.omitted}\n`);
          process.stderr.write(`Файл не импортирован: ошибок ${err.problems.length + err.omitted}. Исправьте их и повторите импорт — ничего из файла не записано.\n`);
        } else if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          process.stderr.write(`reglament import: файл не найден: ${file}\n`);
        } else throw err;
        keepExitCode(1);
      }
    });
}
