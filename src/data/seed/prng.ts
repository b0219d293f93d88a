import { seededRandom } from '../../demo/random.js';

/** A deterministic source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** What became of an obligation: done in time, done late, or never done. */
export type Outcome = 'onTime' | 'late' | 'never';

/** Shares of subjects that meet an obligation on time, late, or never; they add up to 1. */
export interface Fate {
  onTime: number;
  late: number;
  never: number;
}

/**
 * An independent PRNG stream for one purpose (e.g. `rngFor(seed, 'students', orgIndex)`). Streams
 * are keyed rather than shared, so that adding a generator or changing one organisation's data does
 * not shift every number drawn after it.
 */
export function rngFor(seed: number, ...keys: (string | number)[]): Rng {
  // FNV-1a over the key text: cheap, stable across platforms.
  let h = 0x811c9dc5;
  const text = `${seed}|${keys.join('|')}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const rnd = seededRandom(h >>> 0);
  rnd(); // the first draw of mulberry32 correlates with nearby seeds
  return rnd;
}

/** A uniform integer in [min, max] (inclusive). */
export function int(rnd: Rng, min: number, max: number): number {
  return min + Math.floor(rnd() * (max - min + 1));
}

/** True with probability `p`. */
export function chance(rnd: Rng, p: number): boolean {
  return rnd() < p;
}

/** A uniform element of `items` (which must not be empty). */
export function pickOne<T>(rnd: Rng, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

/** An element of `items` drawn with the given weights (not necessarily normalised). */
export function weighted<T>(rnd: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rnd() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** The outcome drawn from `fate`. */
export function outcomeOf(rnd: Rng, fate: Fate): Outcome {
  const x = rnd();
  if (x < fate.onTime) return 'onTime';
  if (x < fate.onTime + fate.late) return 'late';
  return 'never';
}

/** A log-normal factor with median 1 and the given spread (σ of the logarithm). */
export function logNormal(rnd: Rng, sigma: number): number {
  // Box–Muller; 1 - rnd() keeps the logarithm finite.
  const z = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return Math.exp(sigma * z);
}

/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder, ties to the
 * earlier index), so the parts always add up to `total`.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]] += 1;
  return parts;
}

/** A shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(rnd: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
