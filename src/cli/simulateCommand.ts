import type { Command } from 'commander';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { keepExitCode } from '../data/keepExitCode.js';
import { SeedError, seedRegion } from '../data/seed/seedRegion.js';
import { migrate } from '../db/migrate.js';
import { openPool } from '../db/pool.js';
import { recreateDatabase } from '../db/recreateDatabase.js';
import { loadAllCalendars, loadForApply } from '../engine.js';
import { timeSkippingEnvironment } from '../execution/timeSkippingEnvironment.js';
import { startSmtpCapture } from '../infra/smtpCapture.js';
import { createMailer } from '../notify/mailer.js';
import { dataDir } from '../paths.js';
import { REGIONS } from '../regions.js';
import { formatProblem } from '../regulation/problem.js';
import { formatSimulationReport } from '../simulation/formatSimulationReport.js';
import { simulateYear } from '../simulation/simulateYear.js';
import { simulationReport } from '../simulation/simulationReport.js';
import { withDatabaseServer } from './withDatabase.js';

/** The scratch database a simulation plays in; the engine's own database is never touched. */
export const SIMULATION_DATABASE = 'reglament_simulation';

interface SimulateOptions {
  from: string; to: string; region?: string; orgs: string; students: string; seed: string;
  data: string; digestHour: string; json?: boolean;
}

class SimulateError extends Error {}

const isoDate = (value: string, option: string) => {
  if (!DateTime.fromISO(value, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new SimulateError(`${option}: ожидается дата ГГГГ-ММ-ДД, а не «${value}»`);
  return value;
};
const whole = (value: string, option: string, max: number) => {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new SimulateError(`${option}: ожидается целое число от 0 до ${max}, а не «${value}»`);
  return Number(value);
};

/** The academic year `2024/2025` that contains a local date (1 September to 31 August). */
const academicYearOf = (date: string) => {
  const d = DateTime.fromISO(date);
  const start = d.month >= 9 ? d.year : d.year - 1;
  return `${start}/${start + 1}`;
};

/**
 * Registers `reglament simulate [paths…] --from D --to D [--region ID] [--json]`: plays the
 * regulations (default `regulations/`, or the edited files given) over [from, to] on the
 * time-skipping server — the real workflows and activities — in a scratch database filled with a
 * generated region (`--orgs`, `--students`, `--seed`) or a copy of the engine's data
 * (`--data current`), delivers the mail to a capture in `.data/simulation/mail`, and prints the
 * report. Nothing of the engine's own database or mail is touched. Exit code 1 for bad input.
 */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate [paths...]')
    .description('Смоделировать исполнение регламентов за период на ускоренном времени: обязанности, исполнение по муниципалитетам, уведомления и эскалации')
    .requiredOption('--from <date>', 'первый день, ГГГГ-ММ-ДД')
    .requiredOption('--to <date>', 'последний день, ГГГГ-ММ-ДД')
    .option('--region <id>', 'только регламенты этого региона')
    .option('--data <source>', 'generated — сгенерированный регион; current — копия текущей базы', 'generated')
    .option('--orgs <n>', 'организаций в сгенерированном регионе', '60')
    .option('--students <n>', 'обучающихся в сгенерированном регионе', '6000')
    .option('--seed <n>', 'зерно генератора', '1')
    .option('--digest-hour <h>', 'час ежедневной сводки по местному времени', '9')
    .option('--json', 'отчёт в JSON')
    .action(async (paths: string[], opts: SimulateOptions) => {
      try {
        const from = isoDate(opts.from, '--from');
        const to = isoDate(opts.to, '--to');
        if (to < from) throw new SimulateError('--to раньше --from');
        if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days > 400) throw new SimulateError('период моделирования — не больше 400 дней');
        if (opts.region && !REGIONS[opts.region]) throw new SimulateError(`неизвестный регион «${opts.region}»; известны: ${Object.keys(REGIONS).join(', ')}`);
        if (opts.data !== 'generated' && opts.data !== 'current') throw new SimulateError(`--data: generated или current, а не «${opts.data}»`);
        const digestHour = whole(opts.digestHour, '--digest-hour', 23);
        const loaded = loadForApply(paths);
        for (const p of loaded.problems) process.stderr.write(formatProblem(p) + '\n');
        if (loaded.problems.some((p) => p.severity === 'error')) throw new SimulateError('в регламентах есть ошибки (reglament validate): моделирование не запущено');
        const regulations = loaded.regulations.filter((r) => !opts.region || r.region === opts.region);
        if (regulations.length === 0) throw new SimulateError(`нет регламентов${opts.region ? ` региона «${opts.region}»` : ''}`);
        const regions = [...new Set(regulations.map((r) => r.region))];
        const say = (m: string) => { if (!opts.json) process.stderr.write(`reglament simulate: ${m}\n`); };

        await withDatabaseServer(async (engineUrl) => {
          const url = opts.data === 'current'
            ? (await migrate(engineUrl), await recreateDatabase(engineUrl, SIMULATION_DATABASE, new URL(engineUrl).pathname.slice(1), { scratch: true }))
            : await recreateDatabase(engineUrl, SIMULATION_DATABASE, undefined, { scratch: true });
          await migrate(url);
          const pool = await openPool(url, 14);
          const mailDir = join(dataDir(), 'simulation', 'mail');
          rmSync(mailDir, { recursive: true, force: true });
          const smtp = await startSmtpCapture({ dir: mailDir, port: 0 });
          const mailer = createMailer(smtp.url);
          try {
            if (opts.data === 'generated') {
              for (const [i, region] of regions.entries()) {
                const seeded = await seedRegion(pool, {
                  region, organisations: whole(opts.orgs, '--orgs', 100_000), students: whole(opts.students, '--students', 5_000_000),
                  seed: whole(opts.seed, '--seed', 2 ** 31) + i, academicYear: academicYearOf(from),
                });
                say(`регион ${region}: организаций ${seeded.organisations}, обучающихся ${seeded.students}`);
              }
            }
            const env = await timeSkippingEnvironment();
            try {
              const run = await simulateYear({
                env, pool, mailer, regulations, calendars: loadAllCalendars(), from, to, digestHour,
                taskQueue: 'reglament-simulation', onProgress: say,
              });
              const report = await simulationReport(pool, run);
              process.stdout.write(opts.json ? JSON.stringify({ ...report, mailDir }, null, 2) + '\n' : formatSimulationReport(report) + `\nПисьма: ${mailDir}\n`);
            } finally {
              await env.teardown();
            }
          } finally {
            mailer.close();
            await smtp.stop();
            await pool.end();
          }
        });
      } catch (err) {
        if (!(err instanceof SimulateError) && !(err instanceof SeedError)) throw err;
        process.stderr.write(`reglament simulate: ${err.message}\n`);
        keepExitCode(1);
      }
    });
}
