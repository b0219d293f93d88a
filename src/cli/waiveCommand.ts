import type { Command } from 'commander';
import { ConfirmError } from '../data/confirm/confirmError.js';
import { keepExitCode } from '../data/keepExitCode.js';
import { prepareWaiver, recordWaiver, waivedAtLocal, type WaiveResult } from '../data/waive/waiveObligation.js';
import { loadForApply } from '../engine.js';
import { withDatabase } from './withDatabase.js';

function describe(r: WaiveResult): string {
  const w = r.waiver;
  const what = `правило ${w.regulationId}/${w.ruleId}, период ${w.periodId}, организация ${w.organisationId}`;
  if (r.status === 'existing') return `Обязанность уже снята ранее: ${what} — ${w.waivedBy}, ${waivedAtLocal(w)} (${w.timezone}), основание: ${w.reason}. Ничего не изменено.\n`;
  return `Обязанность снята: ${what} — ${w.waivedBy}, ${waivedAtLocal(w)} (${w.timezone}), основание: ${w.reason}. Напоминания и эскалации по ней больше не отправляются; запись добавлена в журнал аудита.\n`;
}

/**
 * Registers `reglament waive RULE PERIOD ORG --by NAME --reason TEXT [--json]`: lifts a period
 * rule's obligation for one organisation (see `recordWaiver`). Exit code 1 with a Russian message
 * for an unknown rule, an event-relative rule, a bad period or an unknown or unsuitable
 * organisation; 0 when recorded or already recorded.
 */
export function registerWaiveCommand(program: Command): void {
  program
    .command('waive')
    .description('Снять обязанность по правилу с организации за период (с основанием): её не напоминают и не эскалируют')
    .argument('<rule>', 'правило: <регламент>/<правило> или уникальный id правила')
    .argument('<period>', 'период: 2024-09, 2024-Q3, 2024-W36, 2024/2025, 2024/2025-Q1, 2024/2025-S1, 2024, 2024-09-05')
    .argument('<org>', 'код организации')
    .requiredOption('--by <name>', 'кто снимает обязанность')
    .requiredOption('--reason <text>', 'основание (приказ, причина)')
    .option('--json', 'результат в JSON')
    .action(async (rule: string, period: string, org: string, opts: { by: string; reason: string; json?: boolean }) => {
      try {
        // Rule and period are checked before the database is started: a mistake fails fast.
        const prepared = prepareWaiver(loadForApply(), { rule, period, organisation: org, by: opts.by, reason: opts.reason });
        const result = await withDatabase((pool) => recordWaiver(pool, prepared, org));
        process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : describe(result));
      } catch (err) {
        if (!(err instanceof ConfirmError)) throw err;
        process.stderr.write(`reglament waive: ${err.message}\n`);
        keepExitCode(1);
      }
    });
}
