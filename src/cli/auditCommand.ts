import type { Command } from 'commander';
import { auditTimeline, type AuditRow } from '../audit/auditTimeline.js';
import { describeAuditRow } from '../audit/describeAuditRow.js';
import { withDatabase } from './withDatabase.js';

const CSV_COLUMNS = ['id', 'at', 'as_of', 'actor', 'kind', 'regulation_id', 'rule_id', 'version_hash', 'case_id', 'organisation_id', 'subject_kind', 'subject_id', 'due_at', 'workflow_id', 'run_id', 'description'] as const;

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function flat(r: AuditRow): Record<(typeof CSV_COLUMNS)[number], unknown> {
  return { ...r, as_of: (r.details as { asOf?: string }).asOf ?? '', description: describeAuditRow(r) };
}

/**
 * Registers `reglament audit [--rule R] [--org O] [--period YYYY-MM] [--format table|json|csv]`: the
 * audit timeline an auditor reads — each check result, unmet deadline with its calendar
 * explanation, notice and escalation, in the order they happened (by evaluation time).
 */
export function registerAuditCommand(program: Command): void {
  program
    .command('audit')
    .description('Журнал аудита: проверки, просроченные сроки с расчётом, уведомления и эскалации по порядку')
    .option('--rule <id>', 'только это правило')
    .option('--org <id>', 'только эта организация')
    .option('--period <YYYY-MM>', 'только этот месяц (срока или события)')
    .option('--format <format>', 'table, json или csv', 'table')
    .action(async (opts: { rule?: string; org?: string; period?: string; format: string }) => {
      if (!['table', 'json', 'csv'].includes(opts.format)) {
        process.stderr.write(`reglament audit: неизвестный формат «${opts.format}» (table, json, csv)\n`);
        process.exitCode = 2;
        return;
      }
      if (opts.period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.period)) {
        process.stderr.write(`reglament audit: период пишется как ГГГГ-ММ, например 2024-09\n`);
        process.exitCode = 2;
        return;
      }
      const rows = await withDatabase((pool) => auditTimeline(pool, opts));
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(rows.map((r) => ({ ...r, description: describeAuditRow(r) })), null, 2) + '\n');
      } else if (opts.format === 'csv') {
        process.stdout.write(CSV_COLUMNS.join(',') + '\n');
        for (const r of rows) process.stdout.write(CSV_COLUMNS.map((c) => csvCell(flat(r)[c])).join(',') + '\n');
      } else {
        if (rows.length === 0) process.stdout.write('Записей нет.\n');
        for (const r of rows) {
          const when = (r.details as { asOf?: string }).asOf ?? r.at;
          process.stdout.write(`${when}  ${r.rule_id ?? '-'}  ${r.organisation_id ?? '-'}  ${describeAuditRow(r)}\n`);
        }
      }
    });
}
