import type { Command } from 'commander';
import { formatSeedReport } from '../data/seed/formatSeedReport.js';
import { DEFAULT_ACADEMIC_YEAR, SeedError, seedRegion } from '../data/seed/seedRegion.js';
import { keepExitCode } from '../data/keepExitCode.js';
import { withDatabase } from './withDatabase.js';

/** A non-negative integer option, or a Russian error naming the option. */
function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value.trim())) throw new SeedError(`${option}: ожидается целое неотрицательное число, а не «${value}»`);
  return Number(value);
}

/**
 * Registers `reglament seed --region ID --orgs N --students M --seed S [--year 2024/2025]
 * [--journal-days D] [--journal-classes C] [--json]`: generates a synthetic region with one academic
 * year of events into the database (see `seedRegion`) and prints a summary. Exit code 1 for a
 * refused request (unknown region, bad numbers, region already present).
 */
export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Синтетический регион: организации, люди и один учебный год событий — большинство в срок, часть с опозданием, часть не выполнена')
    .requiredOption('--region <id>', 'регион (yanao, chelyabinsk, sakhalin, altai-krai)')
    .requiredOption('--orgs <n>', 'число образовательных организаций')
    .requiredOption('--students <n>', 'число обучающихся')
    .requiredOption('--seed <n>', 'зерно генератора: одинаковое зерно — одинаковые данные')
    .option('--year <year>', 'учебный год', DEFAULT_ACADEMIC_YEAR)
    .option('--journal-days <n>', 'дней электронного журнала на выбранный класс', '12')
    .option('--journal-classes <n>', 'классов с журналом в каждой школе и колледже', '1')
    .option('--json', 'итог в JSON')
    .action(async (opts: { region: string; orgs: string; students: string; seed: string; year: string; journalDays: string; journalClasses: string; json?: boolean }) => {
      try {
        const options = {
          region: opts.region, academicYear: opts.year,
          organisations: wholeNumber(opts.orgs, '--orgs'), students: wholeNumber(opts.students, '--students'), seed: wholeNumber(opts.seed, '--seed'),
          journalDays: wholeNumber(opts.journalDays, '--journal-days'), journalClasses: wholeNumber(opts.journalClasses, '--journal-classes'),
        };
        let shown = 0;
        const report = await withDatabase((pool) =>
          seedRegion(pool, {
            ...options,
            onProgress: (done, total) => {
              const tenth = Math.floor((done * 10) / total);
              if (!opts.json && tenth > shown) {
                shown = tenth;
                process.stderr.write(`reglament seed: ${done} из ${total} организаций\n`);
              }
            },
          }),
        );
        process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatSeedReport(report));
      } catch (err) {
        if (!(err instanceof SeedError)) throw err;
        process.stderr.write(`reglament seed: ${err.message}\n`);
        keepExitCode(1);
      }
    });
}
