/**
 * `npm run bench:model`: forward and forward+backward times per model preset and backend, written to
 * bench/model.json. The CPU backend runs here in Node; WebGPU, WebAssembly and CPU run in Debian's Chromium on the
 * built benchmark page (WebGPU is SwiftShader on a machine without a GPU). A benchmark, not a test.
 *
 *   npm run bench:model [-- --presets tiny,teaching,foldtree2 --backends webgpu,wasm,cpu --proteins 2 --max-length 64 --no-browser]
 */
import h5wasm from 'h5wasm/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelTiming } from '../src/protocol/model-bench-messages';
import { loadBenchBatch, runBenchmarks } from '../src/train/bench/model-bench-service';
import { openBenchPage } from './bench/bench-browser';
import { describeMachine } from './bench/machine';
import { modelTimingsOnPage } from './bench/model-on-page';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const presets = option('--presets', 'tiny,teaching,foldtree2').split(',');
const backends = option('--backends', 'webgpu,wasm,cpu').split(',');
const proteins = Number(option('--proteins', '2'));
const maxLength = Number(option('--max-length', '64'));

async function nodeTimings(): Promise<ModelTiming[]> {
  await h5wasm.ready;
  const loaded = await loadBenchBatch(h5wasm, join(root, 'public/sample/sample-structs.h5'), {
    sampleUrl: 'sample-structs.h5',
    proteins,
    offset: 0,
    maxLength,
  });
  const timings: ModelTiming[] = [];
  await runBenchmarks(loaded, presets, ['cpu'], 3, (t) => {
    console.log(
      `node ${t.backend} ${t.preset}: forward ${t.forwardMs.toFixed(0)} ms, forward+backward ${t.forwardBackwardMs.toFixed(0)} ms`,
    );
    timings.push(t);
  });
  return timings;
}

async function browserTimings(): Promise<{ timings: ModelTiming[]; chromium: string }> {
  const query = new URLSearchParams({
    presets: presets.join(','),
    backends: backends.join(','),
    proteins: String(proteins),
    maxLength: String(maxLength),
  });
  const browser = await openBenchPage(query, (line) => console.log(line));
  try {
    return {
      timings: await modelTimingsOnPage(browser.page, presets.length * backends.length, (line) =>
        console.log(`chromium ${line}`),
      ),
      chromium: browser.chromium,
    };
  } finally {
    await browser.close();
  }
}

const node = await nodeTimings();
const browser = args.includes('--no-browser') ? null : await browserTimings();
const result = {
  date: new Date().toISOString(),
  machine: describeMachine(),
  browser: browser ? `${browser.chromium}; WebGPU through SwiftShader (CPU) unless a GPU is present` : null,
  batch: { source: 'public/sample/sample-structs.h5', proteins, maxLength },
  node: node.map((t) => ({ ...t, runtime: 'node' })),
  chromium: (browser?.timings ?? []).map((t) => ({ ...t, runtime: 'chromium' })),
};
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/model.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(`→ ${join(root, 'bench/model.json')}`);
