import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { projectRoot } from '../src/paths.js';
import type { Benchmark, Figures } from './benchmark.js';

/**
 * Runs every benchmark of `bench/` (modules named `*.bench.ts` exporting `benchmarks`), each in its
 * own child process (with `--expose-gc`, so repetitions start from a collected heap) so that its
 * peak RSS is its own, prints the figures and writes them to
 * `bench/results.json`, keyed by benchmark name, merged with the results already there (a partial
 * run keeps the other benchmarks' last figures). `BENCH_ONLY=plan|checks` runs only the benchmarks
 * of `plan.bench` or `checks.bench`. `node dist/bench/index.js --run <name>` runs one benchmark in
 * this process and prints its figures as JSON. Exits 1 if a benchmark fails.
 */
async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const all = await discover(here, process.env.BENCH_ONLY);
  const [flag, name] = process.argv.slice(2);
  if (flag === '--run') {
    const benchmark = all.find((b) => b.name === name);
    if (!benchmark) throw new Error(`no benchmark named ${name}; known: ${all.map((b) => b.name).join(', ')}`);
    process.stdout.write(JSON.stringify(await benchmark.run()) + '\n');
    return;
  }
  const file = join(projectRoot(), 'bench', 'results.json');
  const results: Record<string, Figures> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Figures>) : {};
  let failed = false;
  for (const b of all) {
    process.stdout.write(`\n${b.name} — ${b.description}\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--run', b.name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    if (child.status !== 0) {
      process.stdout.write(`  FAILED (exit ${child.status ?? child.signal})\n`);
      failed = true;
      continue;
    }
    const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Figures;
    results[b.name] = figures;
    for (const [key, value] of Object.entries(figures)) process.stdout.write(`  ${key.padEnd(22)} ${typeof value === 'object' ? JSON.stringify(value) : value}\n`);
  }
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nЗаписано: ${file}\n`);
  if (failed) process.exitCode = 1;
}

async function discover(dir: string, only?: string): Promise<Benchmark[]> {
  const files = readdirSync(dir).filter((f) => /\.bench\.(js|ts)$/.test(f) && (!only || f.startsWith(`${only}.bench.`))).sort();
  const out: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { benchmarks?: Benchmark[] };
    out.push(...(mod.benchmarks ?? []));
  }
  return out;
}

await main();
