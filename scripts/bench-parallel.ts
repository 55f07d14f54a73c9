/**
 * `npm run bench:parallel`: data-parallel training speed per model preset, backend and trainer count, written to
 * bench/parallel.json. Real runs of a few optimizer steps on the bundled sample in Debian's Chromium on the built
 * benchmark page; WebGPU is SwiftShader (the CPU) on a machine without a GPU, so every trainer competes for the
 * same cores. `npm run bench` runs the same measurement as part of its report. A benchmark, not a test.
 *
 *   npm run bench:parallel [-- --presets tiny,teaching --backends webgpu --trainers 1,2,4 --steps tiny:4,teaching:3
 *                             --batch 2 --max-residues 64 --warmup 2]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openBenchPage } from './bench/bench-browser';
import { describeMachine } from './bench/machine';
import { trainingRowsOnPage } from './bench/parallel-on-page';
import { MemorySampler } from './bench/process-memory';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const query = new URLSearchParams({
  parallelPresets: option('--presets', 'tiny,teaching'),
  parallelBackends: option('--backends', 'webgpu'),
  parallelTrainers: option('--trainers', '1,2,4'),
  parallelSteps: option('--steps', 'tiny:4,teaching:3'),
  parallelBatch: option('--batch', '2'),
  parallelMaxResidues: option('--max-residues', '64'),
  parallelWarmup: option('--warmup', '2'),
});

const started = performance.now();
const browser = await openBenchPage(query, (line) => console.log(line));
const memory = MemorySampler.available() ? new MemorySampler(process.pid, /chrom/i) : null;
let result: object;
try {
  memory?.start();
  const rows = await trainingRowsOnPage(browser.page, memory, (line) => console.log(`  ${line}`));
  result = {
    date: new Date().toISOString(),
    note: 'WebGPU through SwiftShader is a CPU implementation: every trainer runs on the same CPU cores, so more trainers compete for them rather than add throughput. These are figures for this machine, not for a GPU.',
    machine: describeMachine(),
    browser: {
      chromium: browser.chromium,
      userAgent: browser.userAgent,
      adapter: await browser.adapter(),
      idleMemoryMiB: memory?.idleMiB() ?? null,
    },
    method: Object.fromEntries(query),
    seconds: (performance.now() - started) / 1000,
    results: rows,
  };
} finally {
  memory?.stop();
  await browser.close();
}
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/parallel.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`→ ${join(root, 'bench/parallel.json')}`);
