import { Client, Connection } from '@temporalio/client';
import type { Command } from 'commander';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { applyWithEngine, loadAllCalendars, loadForApply } from '../engine.js';
import { namespace } from '../execution/taskQueue.js';
import { prepareNamespace } from '../infra/temporalNamespace.js';
import { diffPlans } from '../plan/diffPlans.js';
import type { Occurrence } from '../plan/occurrence.js';
import { planRegulation } from '../plan/planRegulation.js';
import { calendarCatalog } from '../regulation/calendarCatalog.js';
import { loadRegulations } from '../regulation/loadRegulations.js';
import type { CompiledRegulation } from '../regulation/model.js';
import { formatProblem } from '../regulation/problem.js';
import { defaultPorts } from '../stack.js';
import { withDatabase } from './withDatabase.js';

const DAY = 24 * 3600_000;

function planAll(regulations: CompiledRegulation[], from: string, to: string): Occurrence[] {
  const calendars = loadAllCalendars();
  return regulations.flatMap((r) => planRegulation(r, calendars[r.calendar]!, { from, to }));
}

/**
 * Registers `reglament apply [paths…] [--dry-run]`: validates everything and applies all or
 * nothing — stores each regulation version, starts or refreshes the rule drivers and stops those of
 * removed rules. `--dry-run` changes nothing and prints how the plan of the next 12 months differs
 * from the last applied versions: occurrences added, removed and moved, with their deadlines.
 */
export function registerApplyCommand(program: Command): void {
  program
    .command('apply')
    .description('Применить регламенты: проверить всё, сохранить версии и запустить процессы правил (всё или ничего)')
    .argument('[paths...]', 'файлы или папки (по умолчанию regulations/)')
    .option('--dry-run', 'ничего не менять, показать изменения плана на 12 месяцев')
    .action(async (paths: string[], opts: { dryRun?: boolean }) => {
      const loaded = loadForApply(paths);
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      for (const p of loaded.problems) process.stderr.write(formatProblem(p) + '\n');
      if (errors.length) {
        process.stderr.write(`reglament apply: ошибок ${errors.length}; ничего не применено\n`);
        process.exitCode = 1;
        return;
      }
      if (opts.dryRun) {
        const previous = await withDatabase((pool) => pool.any(sql.type(z.object({ regulation_id: z.string(), content: z.string() }))`
          SELECT DISTINCT ON (regulation_id) regulation_id, content FROM regulation_versions ORDER BY regulation_id, applied_at DESC, id DESC`));
        const dir = mkdtempSync(join(tmpdir(), 'reglament-applied-'));
        previous.forEach((p, i) => writeFileSync(join(dir, `${i}.yaml`), p.content));
        const old = previous.length ? loadRegulations([dir], { calendars: calendarCatalog() }).regulations : [];
        const from = new Date().toISOString().slice(0, 10);
        const to = new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10);
        const diff = diffPlans(planAll(old, from, to), planAll(loaded.regulations, from, to));
        process.stdout.write(`Изменения плана ${from} — ${to} по сравнению с применёнными версиями:\n`);
        for (const a of diff.added) process.stdout.write(`+ ${a.id}  ${a.title}  ${a.due.join('; ')}\n`);
        for (const r of diff.removed) process.stdout.write(`- ${r.id}  ${r.title}  ${r.due.join('; ')}\n`);
        for (const m of diff.moved) process.stdout.write(`~ ${m.id}  ${m.title}  ${m.from.join('; ')} → ${m.to.join('; ')}\n`);
        process.stdout.write(`Добавлено: ${diff.added.length}, удалено: ${diff.removed.length}, перенесено: ${diff.moved.length}. Ничего не изменено.\n`);
        return;
      }
      const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${defaultPorts().temporal}`;
      const connection = await Connection.connect({ address });
      try {
        await prepareNamespace(connection, namespace());
        const client = new Client({ connection, namespace: namespace() });
        const report = await withDatabase((pool) => applyWithEngine({ pool, temporal: { client } }, loaded, userInfo().username, 60_000));
        process.stdout.write(`Запущено: ${report.started.length}, обновлено: ${report.refreshed.length}, без изменений: ${report.unchanged.length}, остановлено: ${report.stopped.length}, ждут реализации проверки: ${report.skipped.length}\n`);
      } finally {
        await connection.close();
      }
    });
}
