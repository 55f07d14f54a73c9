/**
 * `npm run bench:parallel`: data-parallel training speed per model preset and trainer count (1, 2, 4 ddp
 * trainers), written to bench-results/parallel.json. Real runs of a few optimizer steps on the bundled sample in
 * Debian's Chromium on the built benchmark page; WebGPU is SwiftShader (the CPU) on a machine without a GPU, so
 * every trainer competes for the same cores. A benchmark, not a test.
 *
 *   npm run bench:parallel [-- --presets tiny,teaching --trainers 1,2,4 --steps tiny:4,teaching:3 --batch 2
 *                             --max-residues 64 --warmup 2]
 */
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GpuProbeReport } from '../src/protocol/gpu-probe-messages';
import type { ParallelBenchRow } from '../src/state/parallel-bench-store';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback);
const query = new URLSearchParams({
  parallelPresets: option('--presets', 'tiny,teaching'),
  parallelTrainers: option('--trainers', '1,2,4'),
  parallelSteps: option('--steps', 'tiny:4,teaching:3'),
  parallelBatch: option('--batch', '2'),
  parallelMaxResidues: option('--max-residues', '64'),
  parallelWarmup: option('--warmup', '2'),
});
const expected = query.get('parallelPresets')!.split(',').length * query.get('parallelTrainers')!.split(',').length;
const port = 4175;
const resultPath = join(root, 'bench-results/parallel.json');
const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

async function measure(): Promise<{ rows: ParallelBenchRow[]; adapter: GpuProbeReport | null; chromium: string; userAgent: string }> {
  // Its own build folder: a test run that rebuilds dist/ meanwhile would swap the worker scripts under a run.
  const outDir = mkdtempSync(join(tmpdir(), 'bench-parallel-dist-'));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: 'inherit' });
  // The preview server sends the cross-origin isolation headers, so the exchange can use SharedArrayBuffer.
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { cwd: root, stdio: 'ignore', detached: true });
  // A profile on disk, as a user's browser has: with the in-memory HTTP cache of a fresh incognito context, the
  // trainers' simultaneous downloads of the 29 MiB sample fail (net::ERR_CACHE_WRITE_FAILURE) for all but one.
  const profile = mkdtempSync(join(tmpdir(), 'bench-parallel-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(`http://127.0.0.1:${port}/bench.html?${query.toString()}`);
        break;
      } catch (error) {
        if (attempt > 30) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await page.getByTestId('run-parallel-bench').click();
    let reported = 0;
    // Print each row as it lands so a long run shows progress.
    while ((await page.getByTestId('parallel-bench').getAttribute('data-status')) !== 'done') {
      const rows = await rowsOf(page);
      for (const row of rows.slice(reported)) console.log(`  ${describe(row)}`);
      reported = rows.length;
      await page.waitForTimeout(1_000);
    }
    const rows = await rowsOf(page);
    for (const row of rows.slice(reported)) console.log(`  ${describe(row)}`);
    if (rows.length < expected) throw new Error(`benchmark page gave ${rows.length} of ${expected} rows`);
    const adapterText = await page.getByTestId('parallel-adapter').getAttribute('data-adapter').catch(() => null);
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const version = execFileSync(executablePath, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { rows, adapter: adapterText ? (JSON.parse(adapterText) as GpuProbeReport) : null, chromium: version, userAgent };
  } finally {
    await context.close();
    // The server's process group may already be gone.
    if (server.pid) {
      try {
        process.kill(-server.pid);
      } catch {}
    }
    rmSync(profile, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function rowsOf(page: import('@playwright/test').Page): Promise<ParallelBenchRow[]> {
  const texts = await page.locator('[data-result]').evaluateAll((els) => els.map((el) => el.getAttribute('data-result') ?? '{}'));
  return texts.map((text) => JSON.parse(text) as ParallelBenchRow);
}

function describe(row: ParallelBenchRow): string {
  if (!row.ok) return `${row.preset} × ${row.requestedTrainers}: failed: ${row.error}`;
  return `${row.preset} × ${row.trainers}: ${row.stepMs.toFixed(0)} ms/step (steps ${row.stepTimesMs.map((ms) => ms.toFixed(0)).join(', ')}; ${(row.wallMs / 1000).toFixed(0)} s in all), all-reduce ${row.exchangeMs.toFixed(1)} ms (${(row.exchangeShare * 100).toFixed(1)} %)`;
}

function table(rows: readonly ParallelBenchRow[]): string {
  const header = ['preset', 'trainers', 'eff. batch', 'step ms', 'steps/s', 'residues/s', 'all-reduce ms', 'share'];
  const lines = rows.map((r) =>
    r.ok
      ? [r.preset, String(r.trainers), String(r.effectiveBatch), r.stepMs.toFixed(0), r.stepsPerSecond.toFixed(3), r.residuesPerSecond.toFixed(0), r.exchangeMs.toFixed(1), `${(r.exchangeShare * 100).toFixed(1)} %`]
      : [r.preset, String(r.requestedTrainers), 'failed', r.error, '', '', '', ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format)].join('\n');
}

const started = performance.now();
const measured = await measure();
const seconds = (performance.now() - started) / 1000;
const result = {
  date: new Date().toISOString(),
  note: 'WebGPU here is SwiftShader, a CPU implementation: every trainer runs on the same CPU cores, so more trainers compete for them rather than add throughput. These are figures for this machine, not for a GPU.',
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, os: `${platform()} ${release()}`, node: process.version },
  browser: { chromium: measured.chromium, userAgent: measured.userAgent, adapter: measured.adapter },
  method: {
    source: 'public/sample/sample-structs.h5; fetched by every trainer (browser profile on disk, so with an HTTP disk cache)',
    strategy: 'ddp',
    batchSize: Number(query.get('parallelBatch')),
    maxResidues: Number(query.get('parallelMaxResidues')),
    warmupSteps: Number(query.get('parallelWarmup')),
    steps: query.get('parallelSteps'),
    stepMs: 'median over the steps after the warm-up of the slowest trainer’s step time',
    residuesPerSecond: 'residues per step of all trainers together (mean over the measured steps) / median step time',
    exchangeMs: 'median over ranks and steps of the time a trainer spent in the gradient all-reduce, waiting for the other ranks included',
  },
  seconds,
  results: measured.rows,
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
console.log(table(measured.rows));
console.log(`${seconds.toFixed(0)} s → ${resultPath}`);
