/** Figures a benchmark reports: numbers or short strings, keyed by name, written to `bench/results.json`. */
export type Figures = Record<string, number | string | Record<string, number>>;

/** One benchmark: a name (the key in `bench/results.json`), what it measures, and how to run it. */
export interface Benchmark {
  name: string;
  description: string;
  /** Runs the measurement in the current process and returns its figures. */
  run(): Promise<Figures>;
}

/** Wall times of repeated runs, in milliseconds. */
export interface Timing {
  min: number;
  median: number;
  runs: number[];
}

/**
 * Runs `body` once to warm up, then `runs` times, and returns the wall times and the last run's
 * result. Each run's result is released before the next run starts, so the peak RSS is that of
 * one plan in memory, not two.
 */
export async function measure<T>(runs: number, body: () => T | Promise<T>): Promise<Timing & { last: T }> {
  let last: T | undefined = await body();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    last = undefined;
    collectGarbage();
    const start = process.hrtime.bigint();
    last = await body();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, runs: times.map(round), last: last as T };
}

/**
 * Runs a full garbage collection when the process was started with `--expose-gc` (bench/index.js
 * starts each benchmark so), outside the timed section: otherwise the heap keeps the garbage of
 * earlier repetitions and the peak RSS measures V8's laziness rather than the plan.
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Live heap after a full collection, in MiB (the size of what is still referenced). */
export function liveHeapMb(): number {
  collectGarbage();
  return round(process.memoryUsage().heapUsed / 1048576);
}

/** Peak resident set size of this process so far, in MiB (`process.resourceUsage().maxRSS` is in KiB). */
export function peakRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024);
}

/** Rounds to one decimal place, for readable figures. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
