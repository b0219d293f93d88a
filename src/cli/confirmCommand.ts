import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { ConfirmError } from '../data/confirm/confirmError.js';
import { prepareConfirmation, recordConfirmation, type ConfirmResult } from '../data/confirm/confirmManual.js';
import { loadForApply } from '../engine.js';
import { keepExitCode } from '../data/keepExitCode.js';
import { withDatabase } from './withDatabase.js';

function describe(r: ConfirmResult): string {
  const c = r.confirmation;
  const when = DateTime.fromISO(c.confirmedAt, { zone: c.timezone }).toFormat('dd.MM.yyyy HH:mm');
  const what = `правило ${c.regulationId}/${c.ruleId}, ${c.event ? 'событие' : 'период'} ${c.periodId}, организация ${c.organisationId}`;
  if (r.status === 'existing') return `Уже подтверждено ранее: ${what} — ${c.confirmedBy}, ${when} (${c.timezone}). Ничего не изменено.\n`;
  return `Подтверждено: ${what} — ${c.confirmedBy}, ${when} (${c.timezone})${c.note ? `; примечание: ${c.note}` : ''}. Запись добавлена в журнал аудита.\n`;
}

/**
 * Registers `reglament confirm RULE PERIOD ORG --by NAME [--note TEXT] [--json]`: records a manual
 * confirmation of a `manual` rule (see `confirmManual`). Exit code 1 with a Russian message for an
 * unknown or automatic rule, a bad period, or an unknown organisation; 0 when recorded or already
 * recorded.
 */
export function registerConfirmCommand(program: Command): void {
  program
    .command('confirm')
    .description('Ручное подтверждение исполнения правила с проверкой «manual»: кто, когда, за какой период и организацию')
    .argument('<rule>', 'правило: <регламент>/<правило> или уникальный id правила')
    .argument('<period>', 'период: 2024-09, 2024-Q3, 2024-W36, 2024/2025, 2024/2025-Q1, 2024/2025-S1, 2024, 2024-09-05; для правила от события — номер события из реестра или его дата')
    .argument('<org>', 'код организации')
    .requiredOption('--by <name>', 'кто подтверждает')
    .option('--note <text>', 'примечание')
    .option('--json', 'результат в JSON')
    .action(async (rule: string, period: string, org: string, opts: { by: string; note?: string; json?: boolean }) => {
      try {
        // Rule and period are checked before the database is started: a mistake fails fast.
        const prepared = prepareConfirmation(loadForApply(), { rule, period, organisation: org, by: opts.by, ...(opts.note !== undefined ? { note: opts.note } : {}) });
        const result = await withDatabase((pool) => recordConfirmation(pool, prepared, org));
        process.stdout.write(opts.json ? JSON.stringify(result, null, 2) + '\n' : describe(result));
      } catch (err) {
        if (!(err instanceof ConfirmError)) throw err;
        process.stderr.write(`reglament confirm: ${err.message}\n`);
        keepExitCode(1);
      }
    });
}
