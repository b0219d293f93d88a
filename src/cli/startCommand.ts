import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { userInfo } from 'node:os';
import { loadDemoData, isEmpty, DEMO } from '../demo/loadDemoData.js';
import { applyWithEngine, loadForApply, startEngine } from '../engine.js';
import { startDigests } from '../execution/startDigests.js';
import { taskQueue } from '../execution/taskQueue.js';
import { digestModeFromEnv } from '../notify/dispatchNotice.js';
import { log } from '../infra/log.js';
import { dataDir } from '../paths.js';
import { formatProblem } from '../regulation/problem.js';
import { startStack } from '../stack.js';
import { REGIONS } from '../regions.js';

/**
 * Registers `reglament start`: the whole engine on embedded defaults (PostgreSQL, Temporal dev
 * server, SMTP capture, unless configured by environment), demo data on an empty database, all of
 * `regulations/` applied, and the worker running until Ctrl-C, which stops every child process.
 */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Запустить Reglament: базу, Temporal, почту, воркер и все регламенты')
    .option('--sweep-interval <seconds>', 'пауза между проверками правил, зависящих от событий', '60')
    .action(async (opts: { sweepInterval: string }) => {
      const stack = await startStack(dataDir());
      let engine: Awaited<ReturnType<typeof startEngine>> | undefined;
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log('stopping', { signal });
        await engine?.stop().catch((err: unknown) => log('engine.stop.failed', { error: String(err) }));
        await stack.stop();
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      try {
        const loaded = loadForApply();
        const errors = loaded.problems.filter((p) => p.severity === 'error');
        for (const p of loaded.problems) process.stderr.write(formatProblem(p) + '\n');
        if (errors.length) throw new Error(`regulations/ has ${errors.length} error(s); fix them (reglament validate) and start again`);
        // Demo data only on the embedded database (or when asked): never into a real registry.
        const demo = process.env.REGLAMENT_DEMO ? process.env.REGLAMENT_DEMO === '1' : !process.env.DATABASE_URL;
        // A demo shows its mail at once; a real installation sends one digest per recipient per day
        // (REGLAMENT_DIGEST=immediate|daily overrides either).
        const digest = process.env.REGLAMENT_DIGEST || !demo ? digestModeFromEnv() : { mode: 'immediate' as const };
        engine = await startEngine(stack, { digest });
        if (demo && (await isEmpty(engine.pool))) {
          const today = DateTime.now().setZone(REGIONS[DEMO.region]!.timezone);
          const { students } = await loadDemoData(engine.pool, { today });
          log('demo.loaded', { municipality: DEMO.municipality.id, students });
        }
        const report = await applyWithEngine(engine, loaded, userInfo().username, Number(opts.sweepInterval) * 1000);
        if (digest.mode === 'daily') await startDigests(engine.temporal.client, [...new Set(loaded.regulations.map((r) => r.region))], digest.hour, taskQueue());
        const lines = [
          '',
          'Reglament запущен.',
          `  Регламентов: ${loaded.regulations.length}, правил: ${loaded.rules}; процессов запущено ${report.started.length}, обновлено ${report.refreshed.length}, без изменений ${report.unchanged.length}, остановлено ${report.stopped.length}; ждут реализации проверки: ${report.skipped.length}`,
          `  Temporal UI:  ${stack.temporalUiUrl ?? `(внешний кластер ${stack.temporalAddress})`}`,
          `  PostgreSQL:   ${stack.databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
          stack.mailDir ? `  Почта:        npx reglament mail list   (перехваченные письма; --json для JSON)` : `  Почта:        отправляется через ${stack.smtpUrl.replace(/:[^:@/]+@/, ':***@')}`,
          `  Уведомления:  ${digest.mode === 'daily' ? `ежедневная сводка каждому адресату в ${digest.hour}:00 по местному времени` : 'сразу, отдельными письмами'} (REGLAMENT_DIGEST=daily|immediate)`,
          '  Остановить:   Ctrl-C',
          '',
        ];
        process.stdout.write(lines.join('\n'));
        await engine.running;
      } catch (err) {
        process.stderr.write(`reglament start: ${err instanceof Error ? err.message : String(err)}\n`);
        await engine?.stop().catch(() => {});
        await stack.stop();
        process.exit(1);
      }
    });
}
