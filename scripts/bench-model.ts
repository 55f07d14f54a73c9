/**
 * `npm run bench:model`: forward and forward+backward times per model preset and backend, written to
 * bench-results/model.json. The CPU backend runs here in Node; WebGPU runs in Debian's Chromium on the built
 * benchmark page (SwiftShader on a machine without a GPU). A benchmark, not a test.
 *
 *   npm run bench:model [-- --presets tiny,teaching,foldtree2 --proteins 2 --max-length 64 --no-browser]
 */
import { chromium } from '@playwright/test';
import h5wasm from 'h5wasm/node';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { ModelTiming } from '../src/protocol/model-bench-messages';
import { loadBenchBatch, runBenchmarks } from '../src/train/model-bench-service';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args[args.indexOf(name) + 1] && args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const presets = option('--presets', 'tiny,teaching,foldtree2').split(',');
const proteins = Number(option('--proteins', '2'));
const maxLength = Number(option('--max-length', '64'));
const port = 4174;

async function nodeTimings(): Promise<ModelTiming[]> {
  await h5wasm.ready;
  const loaded = await loadBenchBatch(h5wasm, join(root, 'public/sample/sample-structs.h5'), { sampleUrl: 'sample-structs.h5', proteins, offset: 0, maxLength });
  const timings: ModelTiming[] = [];
  await runBenchmarks(loaded, presets, ['cpu'], 3, (t) => {
    console.log(`node ${t.backend} ${t.preset}: forward ${t.forwardMs.toFixed(0)} ms, forward+backward ${t.forwardBackwardMs.toFixed(0)} ms`);
    timings.push(t);
  });
  return timings;
}

async function browserTimings(): Promise<ModelTiming[]> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--no-sandbox', '--headless=new', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    for (let attempt = 0; ; attempt++) {
      try {
        await page.goto(`http://127.0.0.1:${port}/bench.html?presets=${presets.join(',')}&proteins=${proteins}&maxLength=${maxLength}`);
        break;
      } catch (error) {
        if (attempt > 30) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    await page.getByTestId('run-benchmark').click();
    const rows = page.locator('[data-timing]');
    const expected = presets.length * 2;
    await page.waitForFunction((n) => document.querySelectorAll('[data-timing]').length >= n || document.querySelector('[data-testid=bench-error]'), expected, { timeout: 1_800_000 });
    const error = await page.getByTestId('bench-error').textContent().catch(() => null);
    if (error && (await rows.count()) < expected) throw new Error(`benchmark page: ${error}`);
    const timings = (await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-timing') ?? '{}'))).map((text) => JSON.parse(text) as ModelTiming);
    for (const t of timings) console.log(`chromium ${t.backend} ${t.preset}: forward ${t.forwardMs.toFixed(0)} ms, forward+backward ${t.forwardBackwardMs.toFixed(0)} ms`);
    return timings;
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

const node = await nodeTimings();
const browser = args.includes('--no-browser') ? [] : await browserTimings();
const result = {
  date: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, browser: 'Debian Chromium, WebGPU through SwiftShader (CPU) unless a GPU is present' },
  batch: { source: 'public/sample/sample-structs.h5', proteins, maxLength },
  node: node.map((t) => ({ ...t, runtime: 'node' })),
  chromium: browser.map((t) => ({ ...t, runtime: 'chromium' })),
};
mkdirSync(join(root, 'bench-results'), { recursive: true });
writeFileSync(join(root, 'bench-results/model.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`→ ${join(root, 'bench-results/model.json')}`);
