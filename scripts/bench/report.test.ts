import { describe, expect, it } from 'vitest';
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import type { ParallelBenchResult } from '../../src/state/bench/parallel-bench-store';
import type { MeasuredRow } from './parallel-on-page';
import { descendants } from './process-memory';
import { describeAdapter, README_BEGIN, README_END, reportMarkdown, withBenchBlock, type BenchReport } from './report';

const swiftshader: GpuProbeReport = {
  available: true,
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter: true,
  features: [],
  shaderF16: false,
  limits: {},
};

function row(
  backend: string,
  trainers: number,
  stepMs: number,
  exchangeShare: number,
  peakMemoryMiB: number | null,
): MeasuredRow {
  const result: ParallelBenchResult = {
    preset: 'tiny',
    requestedBackend: backend as ParallelBenchResult['requestedBackend'],
    requestedTrainers: trainers,
    trainers,
    strategy: 'ddp',
    exchange: trainers > 1 ? 'shared memory' : 'none',
    backend,
    precision: 'f32',
    parameters: 53105,
    effectiveBatch: 2 * trainers,
    batchSize: 2,
    maxResidues: 64,
    stepsRun: 3,
    stepsMeasured: 2,
    stepMs,
    stepsPerSecond: 1000 / stepMs,
    residuesPerSecond: (128 * trainers * 1000) / stepMs,
    proteinsPerSecond: (2 * trainers * 1000) / stepMs,
    exchangeMs: exchangeShare * stepMs,
    exchangeShare,
    stepTimesMs: [stepMs * 3, stepMs, stepMs],
    setupMs: 1000,
    wallMs: 5000,
  };
  return { ok: true, ...result, peakMemoryMiB };
}

const report: BenchReport = {
  date: '2026-11-29T03:00:00.000Z',
  seconds: 309.4,
  machine: { cpu: 'Intel Xeon', cores: 2, memoryGiB: 23.5, os: 'linux 6.1', node: 'v20.20.2' },
  browser: { chromium: 'Chromium 156', userAgent: 'UA', adapter: swiftshader, idleMemoryMiB: 640.2 },
  method: { batchSize: 2, maxResidues: 64, warmupSteps: 1 },
  data: null,
  model: [
    {
      preset: 'tiny',
      backend: 'wasm',
      proteins: 2,
      paddedLength: 64,
      residues: 128,
      parameters: 53105,
      forwardMs: 12.6,
      forwardBackwardMs: 88.4,
    },
  ],
  training: [
    row('webgpu', 1, 2894.2, 0, 1277.4),
    row('wasm', 2, 250, 0.054, null),
    {
      ok: false,
      preset: 'teaching',
      requestedBackend: 'cpu',
      requestedTrainers: 2,
      error: 'rank 1 | out of memory',
      peakMemoryMiB: 900,
    },
  ],
  yardstick: [
    {
      preset: 'teaching',
      batch: 8,
      length: 128,
      steps: 4,
      studio: [row('wasm', 1, 800, 0, null), row('wasm', 2, 500, 0.05, null)],
      pytorch: { ms: 300, residuesPerS: 3000 },
      ratio: 3000 / 512,
    },
    {
      preset: 'foldtree2',
      batch: 4,
      length: 128,
      steps: 3,
      studio: [row('wasm', 1, 2000, 0, null)],
      pytorch: null,
      ratio: null,
    },
  ],
};

describe('reportMarkdown', () => {
  const markdown = reportMarkdown(report);

  it('names the machine, the browser and the adapter', () => {
    expect(markdown.split('\n')[0]).toBe(
      'Measured 2026-11-29 by `npm run bench` (309 s in all) on Intel Xeon, 2 cores, 23.5 GiB, linux 6.1, Node v20.20.2; Chromium 156; WebGPU adapter: google (swiftshader, software, on the CPU, no shader-f16).',
    );
    expect(markdown).toContain('against 640 MiB with the page open and idle');
  });

  it('writes one training row per case: rates from the step time, the all-reduce share only with trainers to share', () => {
    const lines = markdown.split('\n');
    const header = lines.indexOf(
      '| preset | backend | trainers | effective batch | ms / step | residues/s | proteins/s | peak memory (MiB) | all-reduce share |',
    );
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 2, header + 5)).toEqual([
      // 128 residues / 2.8942 s = 44.23; 2 proteins / 2.8942 s = 0.69.
      '| tiny | webgpu | 1 | 2 | 2,894 | 44.2 | 0.69 | 1,277 | — |',
      // 2 × 128 residues / 0.25 s = 1024; 4 proteins / 0.25 s = 16.
      '| tiny | wasm | 2 | 4 | 250 | 1,024.0 | 16.00 | n/a | 5.4 % |',
      '| teaching | cpu | 2 | failed: rank 1 / out of memory |  |  |  |  |  |',
    ]);
  });

  it('sets the studio beside PyTorch per reference shape: both trainer counts, PyTorch, and the ratio to the best', () => {
    const lines = markdown.split('\n');
    const header = lines.findIndex((line) => line.startsWith('| preset | batch × length per trainer |'));
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 2, header + 4)).toEqual([
      // 1 trainer: 128 residues / 0.8 s = 160; 2 trainers: 256 / 0.5 s = 512 (the best); 3000 / 512 = 5.86.
      '| teaching | 8 × 128 | 160 (800 ms) | 512 (500 ms) | 3,000 (300 ms) | 5.86 (2 trainers) |',
      '| foldtree2 | 4 × 128 | 64 (2,000 ms) | — | not installed | — |',
    ]);
  });

  it('adds the model table, and the data table only when the data benchmark ran', () => {
    expect(markdown).toContain('| tiny | wasm | 53,105 | 13 | 88 |');
    expect(markdown).not.toContain('**Data**');
  });
});

describe('describeAdapter', () => {
  it('says when there is no adapter, and why', () => {
    expect(describeAdapter({ available: false, reason: 'navigator.gpu is missing' })).toBe(
      'none (navigator.gpu is missing)',
    );
    expect(describeAdapter(null)).toBe('not probed');
    expect(
      describeAdapter({
        ...swiftshader,
        vendor: 'nvidia',
        architecture: 'hopper',
        description: 'NVIDIA H200',
        isFallbackAdapter: false,
        shaderF16: true,
      }),
    ).toBe('nvidia NVIDIA H200 (hopper, shader-f16)');
  });
});

describe('withBenchBlock', () => {
  it('replaces only what lies between the markers, and refuses a README without them', () => {
    const readme = `# Title\n\n${README_BEGIN}\nold table\n${README_END}\n\nafter\n`;
    expect(withBenchBlock(readme, 'new table\n')).toBe(
      `# Title\n\n${README_BEGIN}\nnew table\n${README_END}\n\nafter\n`,
    );
    expect(() => withBenchBlock('# Title\n', 'x')).toThrow(/README.md has no/);
  });
});

describe('descendants', () => {
  it('finds every process below the root whose name matches, through processes that do not', () => {
    const table = [
      { pid: 10, parent: 1, name: 'node' },
      { pid: 11, parent: 10, name: 'chromium' },
      { pid: 12, parent: 11, name: 'chromium' },
      { pid: 13, parent: 10, name: 'npm exec vite' },
      { pid: 14, parent: 13, name: 'node' },
      { pid: 15, parent: 11, name: 'sh' },
      { pid: 16, parent: 15, name: 'chromium' },
      { pid: 20, parent: 1, name: 'chromium' },
    ];
    expect(descendants(10, (name) => /chrom/i.test(name), table).sort()).toEqual([11, 12, 16]);
  });
});
