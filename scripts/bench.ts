/**
 * `npm run bench`: the data, model and training benchmarks in one report — bench/results.json, bench/results.md,
 * and the README's benchmark block — per preset × backend (webgpu, wasm, cpu) × trainer count, with the machine,
 * browser and WebGPU adapter named. The model and training parts run on the studio's own benchmark page in Debian
 * Chromium (WebGPU through SwiftShader where there is no GPU). A benchmark, not a test.
 *
 *   npm run bench [-- --presets tiny,teaching --backends webgpu,wasm,cpu --trainers 1,2 --steps tiny:3,teaching:3
 *                     --warmup 1 --batch 2 --max-residues 64 --model-presets tiny,teaching --no-data --no-model
 *                     --no-readme --no-page --no-yardstick]
 *
 * Then the studio against the PyTorch yardstick at the reference shapes (`scripts/bench/yardstick-on-page.ts`):
 * teaching 8 × 128 and foldtree2 4 × 128 on WebAssembly with 1 and 2 trainers, beside PyTorch in the same run.
 *
 * Last, the page-level figure (`scripts/bench/page-smoothness.ts`): main-thread blocking, the longest task and input
 * echo on the studio page over a 5,000-step run → bench/page.json, bench/page.md and a section of results.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openBenchPage } from './bench/bench-browser';
import { measureDataPipeline, type DataBenchResult } from './bench/data-bench';
import { describeMachine } from './bench/machine';
import { modelTimingsOnPage } from './bench/model-on-page';
import { trainingRowsOnPage } from './bench/parallel-on-page';
import { MemorySampler } from './bench/process-memory';
import { pageSmoothnessSection } from './bench/page-smoothness-section';
import { reportMarkdown, withBenchBlock, type BenchReport } from './bench/report';
import { yardstickRows } from './bench/yardstick-on-page';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const say = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const started = performance.now();
const training = {
  presets: option('--presets', 'tiny,teaching'),
  backends: option('--backends', 'webgpu,wasm,cpu'),
  trainers: option('--trainers', '1,2'),
  steps: option('--steps', 'tiny:3,teaching:3'),
  warmup: option('--warmup', '1'),
  batch: option('--batch', '2'),
  maxResidues: option('--max-residues', '64'),
};
const modelPresets = args.includes('--no-model') ? [] : option('--model-presets', 'tiny,teaching').split(',');
const backends = training.backends.split(',');

let data: DataBenchResult | null = null;
if (!args.includes('--no-data')) {
  say('data: building and reading fixtures/structures');
  data = await measureDataPipeline();
  say(
    `data: ${data.build.proteinsPerSecond} proteins/s built, ${data.read.compact.proteinsPerSecond} proteins/s read (compact)`,
  );
}

const query = new URLSearchParams({
  presets: modelPresets.join(','),
  backends: backends.join(','),
  proteins: '2',
  maxLength: training.maxResidues,
  parallelPresets: training.presets,
  parallelBackends: training.backends,
  parallelTrainers: training.trainers,
  parallelSteps: training.steps,
  parallelBatch: training.batch,
  parallelMaxResidues: training.maxResidues,
  parallelWarmup: training.warmup,
});
const browser = await openBenchPage(query, say);
const memory = MemorySampler.available() ? new MemorySampler(process.pid, /chrom/i) : null;
let report: BenchReport;
try {
  memory?.start();
  const model =
    modelPresets.length > 0 ? await modelTimingsOnPage(browser.page, modelPresets.length * backends.length, say) : [];
  const rows = await trainingRowsOnPage(browser.page, memory, say);
  report = {
    date: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    machine: describeMachine(),
    browser: {
      chromium: browser.chromium,
      userAgent: browser.userAgent,
      adapter: await browser.adapter(),
      idleMemoryMiB: memory?.idleMiB() ?? null,
    },
    method: {
      source: 'public/sample/sample-structs.h5 (the bundled sample), fetched by every trainer',
      strategy: 'ddp',
      precision: 'float32',
      batchSize: Number(training.batch),
      maxResidues: Number(training.maxResidues),
      warmupSteps: Number(training.warmup),
      steps: training.steps,
      stepMs: 'median over the steps after the warm-up of the slowest trainer’s step time',
      residuesPerSecond: 'residues per step of all trainers together (mean over the measured steps) / median step time',
      exchangeShare:
        'median time a trainer spent in the gradient all-reduce (waiting for the others included) / step time',
      peakMemoryMiB:
        'highest resident memory of all the browser’s processes together while the run went on (Linux /proc, sampled every 200 ms)',
    },
    data,
    model,
    training: rows,
    yardstick: [],
  };
} finally {
  memory?.stop();
  await browser.close();
}
if (!args.includes('--no-yardstick')) report = { ...report, yardstick: await yardstickRows(say) };

const folder = join(root, 'bench');
mkdirSync(folder, { recursive: true });
const markdown = reportMarkdown(report);
writeFileSync(join(folder, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
const pageSection = args.includes('--no-page') ? '' : await pageSmoothnessSection(say);
writeFileSync(join(folder, 'results.md'), `# Benchmark results\n\n${markdown}${pageSection}`);
if (!args.includes('--no-readme')) {
  const readme = join(root, 'README.md');
  writeFileSync(readme, withBenchBlock(readFileSync(readme, 'utf8'), markdown));
}
console.log(`\n${markdown}${pageSection}`);
say(
  `→ ${join(folder, 'results.json')}, ${join(folder, 'results.md')}${args.includes('--no-readme') ? '' : ', README.md'}`,
);
