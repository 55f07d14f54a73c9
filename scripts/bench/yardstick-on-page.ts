/**
 * The studio against the PyTorch yardstick at the reference shapes (teaching 8 × 128, foldtree2 4 × 128): real
 * optimizer steps through the studio's workers on the WebAssembly backend with 1 and 2 trainers (one per core),
 * each trainer's micro-batch of that shape, then PyTorch's whole optimizer step at the same shape, in the same run.
 * The ratio is PyTorch's residues/s over the studio's best.
 */
import type { ModelPresetName } from '../../src/model/presets';
import { openBenchPage } from './bench-browser';
import { trainingRowsOnPage, type MeasuredRow } from './parallel-on-page';
import { pytorchStep, type YardstickStep } from './pytorch-yardstick';

export interface YardstickCase {
  readonly preset: ModelPresetName;
  readonly batch: number;
  readonly length: number;
  /** Optimizer steps measured per studio run (after one warm-up step). */
  readonly steps: number;
}

export const YARDSTICK_CASES: readonly YardstickCase[] = [
  { preset: 'teaching', batch: 8, length: 128, steps: 4 },
  { preset: 'foldtree2', batch: 4, length: 128, steps: 3 },
];

export interface YardstickRow extends YardstickCase {
  /** The studio's runs, one per trainer count. */
  readonly studio: readonly MeasuredRow[];
  readonly pytorch: YardstickStep | null;
  /** PyTorch residues/s ÷ the studio's best residues/s: how many times slower the studio is (null without PyTorch). */
  readonly ratio: number | null;
}

/** A studio run that finished. */
export type FinishedRun = Extract<MeasuredRow, { readonly ok: true }>;

/** The best residues/s among the studio runs that finished, or null. */
export function bestStudioRun(rows: readonly MeasuredRow[]): FinishedRun | null {
  let best: FinishedRun | null = null;
  for (const row of rows) if (row.ok && (best === null || row.residuesPerSecond > best.residuesPerSecond)) best = row;
  return best;
}

/** Measures every case: the studio on its benchmark page, then PyTorch. */
export async function yardstickRows(say: (line: string) => void): Promise<YardstickRow[]> {
  const rows: YardstickRow[] = [];
  for (const c of YARDSTICK_CASES) {
    const query = new URLSearchParams({
      presets: '',
      parallelPresets: c.preset,
      parallelBackends: 'wasm',
      parallelTrainers: '1,2',
      parallelSteps: String(c.steps + 1),
      parallelBatch: String(c.batch),
      parallelMaxResidues: String(c.length),
      parallelWarmup: '1',
    });
    say(`against PyTorch: ${c.preset} ${c.batch} × ${c.length}, WebAssembly, 1 and 2 trainers`);
    const browser = await openBenchPage(query, say);
    let studio: MeasuredRow[];
    try {
      studio = await trainingRowsOnPage(browser.page, null, say);
    } finally {
      await browser.close();
    }
    const pytorch = pytorchStep(c.preset, c.batch, c.length, c.steps);
    const best = bestStudioRun(studio);
    say(
      `PyTorch ${c.preset} ${c.batch} × ${c.length}: ${pytorch ? `${pytorch.ms.toFixed(0)} ms/step` : 'not available'}`,
    );
    rows.push({
      ...c,
      studio,
      pytorch,
      ratio: pytorch && best ? pytorch.residuesPerS / best.residuesPerSecond : null,
    });
  }
  return rows;
}
