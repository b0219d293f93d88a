import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';

/**
 * How the check benchmarks run, from the environment: `BENCH_SCALE` (0 < s ≤ 1, default 1) scales
 * organisations and students for a quick try; `BENCH_FRESH=1` re-generates the benchmark databases
 * even when they hold the requested data; `BENCH_PG_PORT` (default 54360) is the port of the
 * benchmark's own embedded PostgreSQL, whose data lives in `.data/bench/`.
 */
export interface BenchSettings {
  scale: number;
  fresh: boolean;
  pgPort: number;
  /** Folder of the benchmark's PostgreSQL cluster and captured mail. */
  dir: string;
}

/** Reads the settings; throws on a scale outside (0, 1]. */
export function benchSettings(): BenchSettings {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], not ${process.env.BENCH_SCALE}`);
  return {
    scale,
    fresh: process.env.BENCH_FRESH === '1',
    pgPort: Number(process.env.BENCH_PG_PORT ?? 54360),
    dir: join(projectRoot(), '.data', 'bench'),
  };
}

/** `n` scaled by the settings, at least `min`. */
export function scaled(n: number, settings: BenchSettings, min = 1): number {
  return Math.max(min, Math.round(n * settings.scale));
}
