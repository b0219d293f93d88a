import type { RuleSweep } from './measureDailySweep.js';
import type { CheckCost } from './measureFullEvaluation.js';

/** One line of the summary: a measured figure, its target if it has one, and a throughput. */
export interface TargetRow {
  what: string;
  measured: number;
  unit: 'ms' | 'MB';
  target?: number;
  rate: string;
}

const num = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : (Math.round(n * 10) / 10).toString());

/**
 * The check benchmark's printout: figures against targets with measured/target ratios (a ratio
 * above 1 misses the target), then the slowest checks of the full evaluation and the daily sweep
 * by rule.
 */
export function formatChecksTable(rows: readonly TargetRow[], slowest: readonly CheckCost[], sweep: readonly RuleSweep[]): string {
  const w = Math.max(...rows.map((r) => r.what.length), 20);
  const out = [`  ${'figure'.padEnd(w)}  ${'measured'.padStart(12)}  ${'target'.padStart(10)}  ${'ratio'.padStart(6)}  rate`];
  for (const r of rows) {
    const ratio = r.target ? (r.measured / r.target).toFixed(2) + (r.measured > r.target ? '!' : '') : '';
    const target = r.target ? `${num(r.target)} ${r.unit}` : '—';
    out.push(`  ${r.what.padEnd(w)}  ${`${num(r.measured)} ${r.unit}`.padStart(12)}  ${target.padStart(10)}  ${ratio.padStart(6)}  ${r.rate}`);
  }
  out.push('', '  slowest checks of the full evaluation:', `  ${'check'.padEnd(44)} ${'ms'.padStart(10)} ${'calls'.padStart(6)} ${'subjects'.padStart(10)} ${'subj/s'.padStart(10)}`);
  for (const c of slowest) out.push(`  ${c.name.padEnd(44)} ${num(c.ms).padStart(10)} ${String(c.calls).padStart(6)} ${String(c.subjects).padStart(10)} ${String(c.ms > 0 ? Math.round(c.subjects / (c.ms / 1000)) : 0).padStart(10)}`);
  out.push('', '  daily sweep by rule (slowest 15):', `  ${'rule'.padEnd(60)} ${'ms'.padStart(8)} ${'mail ms'.padStart(8)} ${'events'.padStart(7)} ${'opened'.padStart(7)} ${'mails'.padStart(6)}`);
  for (const r of [...sweep].sort((a, b) => b.ms - a.ms).slice(0, 15)) {
    out.push(`  ${r.rule.padEnd(60)} ${num(r.ms).padStart(8)} ${num(r.mailMs).padStart(8)} ${String(r.events).padStart(7)} ${String(r.opened).padStart(7)} ${String(r.mails).padStart(6)}${r.error ? '  FAILED' : ''}`);
  }
  return out.join('\n');
}
