/**
 * The combined benchmark report: one JSON document (bench/results.json) and its Markdown tables (bench/results.md,
 * and the README's benchmark block), with the machine, browser and WebGPU adapter named. Pure, so it is tested.
 */
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import type { ModelTiming } from '../../src/protocol/model-bench-messages';
import type { DataBenchResult } from './data-bench';
import type { MachineFacts } from './machine';
import type { MeasuredRow } from './parallel-on-page';
import { bestStudioRun, type YardstickRow } from './yardstick-on-page';

export interface BenchReport {
  readonly date: string;
  /** Wall time of the whole benchmark, seconds. */
  readonly seconds: number;
  readonly machine: MachineFacts;
  readonly browser: {
    readonly chromium: string;
    readonly userAgent: string;
    readonly adapter: GpuProbeReport | null;
    readonly idleMemoryMiB: number | null;
  };
  readonly method: Readonly<Record<string, string | number>>;
  readonly data: DataBenchResult | null;
  readonly model: readonly ModelTiming[];
  readonly training: readonly MeasuredRow[];
  /** The studio against PyTorch at the reference shapes (empty when left out). */
  readonly yardstick: readonly YardstickRow[];
}

/** "Google SwiftShader (swiftshader, software)", or why there is no adapter. */
export function describeAdapter(adapter: GpuProbeReport | null): string {
  if (adapter === null) return 'not probed';
  if (!adapter.available) return `none (${adapter.reason})`;
  const name = [adapter.vendor, adapter.description || adapter.device].filter(Boolean).join(' ') || 'unnamed adapter';
  const software = adapter.isFallbackAdapter || /swiftshader/i.test(`${adapter.vendor} ${adapter.architecture}`);
  return `${name} (${[adapter.architecture, software ? 'software, on the CPU' : '', adapter.shaderF16 ? 'shader-f16' : 'no shader-f16'].filter(Boolean).join(', ')})`;
}

const thousands = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function trainingTable(rows: readonly MeasuredRow[]): string {
  const header = [
    'preset',
    'backend',
    'trainers',
    'effective batch',
    'ms / step',
    'residues/s',
    'proteins/s',
    'peak memory (MiB)',
    'all-reduce share',
  ];
  return table(
    header,
    rows.map((r) =>
      r.ok
        ? [
            r.preset,
            r.backend,
            String(r.trainers),
            String(r.effectiveBatch),
            thousands(r.stepMs),
            thousands(r.residuesPerSecond, 1),
            thousands(r.proteinsPerSecond, 2),
            r.peakMemoryMiB === null ? 'n/a' : thousands(r.peakMemoryMiB),
            r.trainers > 1 ? `${(r.exchangeShare * 100).toFixed(1)} %` : '—',
          ]
        : [
            r.preset,
            r.requestedBackend,
            String(r.requestedTrainers),
            `failed: ${r.error.replaceAll('|', '/')}`,
            '',
            '',
            '',
            '',
            '',
          ],
    ),
  );
}

function yardstickTable(rows: readonly YardstickRow[]): string {
  const studio = (row: YardstickRow, trainers: number) => {
    const run = row.studio.find((r) => r.requestedTrainers === trainers);
    if (!run) return '—';
    return run.ok
      ? `${thousands(run.residuesPerSecond)} (${thousands(run.stepMs)} ms)`
      : `failed: ${run.error.replaceAll('|', '/')}`;
  };
  return table(
    [
      'preset',
      'batch × length per trainer',
      'studio, 1 wasm trainer: residues/s (ms / step)',
      'studio, 2 wasm trainers',
      'PyTorch CPU, 2 threads',
      'PyTorch ÷ studio (best)',
    ],
    rows.map((r) => {
      const best = bestStudioRun(r.studio);
      return [
        r.preset,
        `${r.batch} × ${r.length}`,
        studio(r, 1),
        studio(r, 2),
        r.pytorch ? `${thousands(r.pytorch.residuesPerS)} (${thousands(r.pytorch.ms)} ms)` : 'not installed',
        r.ratio === null || !best
          ? '—'
          : `${r.ratio.toFixed(2)} (${best.trainers} trainer${best.trainers > 1 ? 's' : ''})`,
      ];
    }),
  );
}

function modelTable(timings: readonly ModelTiming[]): string {
  return table(
    ['preset', 'backend', 'parameters', 'forward ms', 'forward + backward ms'],
    timings.map((t) => [
      t.preset,
      t.backend,
      thousands(t.parameters),
      thousands(t.forwardMs),
      thousands(t.forwardBackwardMs),
    ]),
  );
}

function dataTable(data: DataBenchResult): string {
  return table(
    ['step', 'result'],
    [
      [
        'build graphs from PDB/mmCIF (parse, features, DSSP, contacts at 15 Å)',
        `${thousands(data.build.proteinsPerSecond, 1)} proteins/s (${thousands(data.build.residuesPerSecond)} residues/s)`,
      ],
      [
        `read whole proteins, compact file (${data.read.compact.fileMiB.toFixed(1)} MiB)`,
        `${thousands(data.read.compact.proteinsPerSecond, 1)} proteins/s`,
      ],
      [
        'read proteins cropped to 128 residues, compact file',
        `${thousands(data.read.compactCroppedTo128.proteinsPerSecond, 1)} proteins/s`,
      ],
      [
        `read whole proteins, plain FoldTree2-layout file (${data.read.plain.fileMiB.toFixed(1)} MiB)`,
        `${thousands(data.read.plain.proteinsPerSecond, 1)} proteins/s`,
      ],
    ],
  );
}

/** The report as Markdown: where and how it was measured, then the training, model and data tables. */
export function reportMarkdown(report: BenchReport): string {
  const { machine, browser, method } = report;
  const parts = [
    `Measured ${report.date.slice(0, 10)} by \`npm run bench\` (${Math.round(report.seconds)} s in all) on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}; ${browser.chromium}; WebGPU adapter: ${describeAdapter(browser.adapter)}.`,
    '',
    `**Training** — real optimizer steps through the studio's coordinator and trainer workers on the bundled sample: batch ${method['batchSize']} per trainer, crops of ${method['maxResidues']} residues, float32, \`ddp\`; ms / step is the median after ${method['warmupSteps']} warm-up step(s) of the slowest trainer's step; residues/s and proteins/s count every trainer's batch; peak memory is the browser's resident memory (renderer with its workers, GPU and other processes) at its highest during the run${browser.idleMemoryMiB === null ? '' : `, against ${thousands(browser.idleMemoryMiB)} MiB with the page open and idle`}.`,
    '',
    trainingTable(report.training),
  ];
  if (report.yardstick.length > 0) {
    parts.push(
      '',
      `**Against PyTorch** — the same real optimizer steps on the WebAssembly backend (one trainer per core, each with a micro-batch of the shape shown, sample proteins cropped to the length), beside the PyTorch yardstick of the same sizes (\`../shared/reference/same_shape.py\`, Debian's python3-torch, 2 threads, its whole optimizer step) measured in the same run; residues/s count every trainer's batch.`,
      '',
      yardstickTable(report.yardstick),
    );
  }
  if (report.model.length > 0) {
    parts.push(
      '',
      `**Model** — one forward pass and one forward + backward pass (every loss and gradient), median of 3 after a warm-up, ${report.model[0]?.proteins ?? 0} sample proteins padded to ${report.model[0]?.paddedLength ?? 0} residues, in a worker of the same browser.`,
      '',
      modelTable(report.model),
    );
  }
  if (report.data) {
    parts.push(
      '',
      `**Data** — ${report.data.input.proteins} chains (${thousands(report.data.input.residues)} residues) of \`${report.data.input.source}\`, in Node.`,
      '',
      dataTable(report.data),
    );
  }
  return `${parts.join('\n')}\n`;
}

export const README_BEGIN = '<!-- bench:begin (written by npm run bench) -->';
export const README_END = '<!-- bench:end -->';

/** The README with its benchmark block replaced by `markdown`; throws when the markers are missing. */
export function withBenchBlock(readme: string, markdown: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin)
    throw new Error(`README.md has no "${README_BEGIN}" … "${README_END}" block to write the results into`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${markdown}${readme.slice(end)}`;
}
