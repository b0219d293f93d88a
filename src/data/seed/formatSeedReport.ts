import { REGIONS } from '../../regions.js';
import type { SeedReport } from './seedRegion.js';

/** The seed summary in Russian: what was generated, rows per table, time and checksum. */
export function formatSeedReport(r: SeedReport): string {
  const types = Object.entries(r.organisationTypes).map(([t, n]) => `${t} ${n}`).join(', ');
  const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
  const width = Math.max(...Object.keys(r.rows).map((t) => t.length));
  const lines = [
    `Регион ${r.region} (${REGIONS[r.region]?.name ?? r.region}), учебный год ${r.academicYear}, зерно ${r.seed}`,
    `Муниципалитетов: ${r.municipalities}; образовательных организаций: ${r.organisations} (${types}) и ${r.municipalities} МОУО, региональный оператор; обучающихся: ${r.students}`,
    '',
    `${'таблица'.padEnd(width)}  ${'строк'.padStart(9)}`,
    ...Object.entries(r.rows)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => `${t.padEnd(width)}  ${String(n).padStart(9)}`),
    '',
    `Всего строк: ${total}. Время: ${(r.elapsedMs / 1000).toFixed(1).replace('.', ',')} с (${Math.round(total / Math.max(0.001, r.elapsedMs / 1000))} строк/с).`,
    `Контрольная сумма: ${r.checksum}`,
  ];
  return lines.join('\n') + '\n';
}
