/**
 * `npm run bench:teaching`: the measurements behind the teaching view, on this CPU with the WebAssembly backend
 * the page's trainers use (one trainer, as the page runs them; Node instead of a worker).
 *  1. The commitment-schedule comparison with its defaults for `--seeds N` seeds from 0 (default 5): each run's
 *     final codes in use, perplexity and reconstruction loss, and per seed the largest over smallest perplexity.
 *  2. The studio's default run (the page's default settings) for `--seconds S` of training (default 120): total
 *     and amino-acid loss against wall time.
 * Writes bench/teaching.json and bench/teaching.md. Numbers, not a test: nothing here passes or fails.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import h5wasm from 'h5wasm/node';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeStructsFile, openStructsFile } from '../src/data/hdf5/open-file';
import { readIndex } from '../src/data/hdf5/read-index';
import type { RunConfig } from '../src/protocol/run-config';
import { browserRunConfig, withConfigValues } from '../src/state/config/config-edit';
import { COMPARISON_ARMS, COMPARISON_SCENARIO, comparisonConfig } from '../src/state/teaching/comparison-scenario';
import {
  finalValues,
  toComparisonPoint,
  type ComparisonPoint,
  type FinalValues,
} from '../src/state/teaching/comparison-summary';
import { initialiseCodebookFromEncoder } from '../src/train/trainer/codebook-from-encoder';
import { hdf5Source, type ProteinSource } from '../src/train/trainer/protein-source';
import { registerLeanGradients } from '../src/train/tfjs-engine/lean-gradients';
import { shareSavedTensors } from '../src/train/tfjs-engine/share-saved-tensors';
import { Trainer } from '../src/train/trainer/trainer';
import { registerWasmKernels } from '../src/train/wasm-kernels/register-wasm-kernels';
import { describeMachine } from './bench/machine';

const root = resolve(import.meta.dirname, '..');
const SAMPLE = join(root, 'public/sample/sample-structs.h5');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

/** A fresh run as the page's trainer starts one: the codebook from encoder outputs when the config says so. */
async function trainer(config: RunConfig, source: ProteinSource): Promise<Trainer> {
  const t = new Trainer(config, source, { rank: 0, worldSize: 1, lossScaling: false });
  if (config.vq.codebookInit === 'encoder')
    await initialiseCodebookFromEncoder(t.parts, source, config.data.maxResidues, config.data.seed);
  return t;
}

interface ArmRun extends FinalValues {
  readonly arm: string;
  readonly seed: number;
  readonly seconds: number;
}

async function comparison(source: ProteinSource, seeds: number): Promise<ArmRun[]> {
  const base = withConfigValues(browserRunConfig(), [['training.backend', 'wasm']]);
  const rows: ArmRun[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    for (const arm of COMPARISON_ARMS) {
      const t0 = performance.now();
      const t = await trainer(
        comparisonConfig(arm, base, COMPARISON_SCENARIO.steps, seed, 'sample-structs.h5'),
        source,
      );
      const points: ComparisonPoint[] = [];
      try {
        for (let step = 0; step < t.totalSteps; step++) {
          const point = await t.step();
          if (point) points.push(toComparisonPoint(point));
        }
      } finally {
        t.dispose();
      }
      const final = finalValues(points);
      if (!final) throw new Error(`${arm.id} seed ${seed}: no step`);
      const row = { arm: arm.id, seed, ...final, seconds: (performance.now() - t0) / 1000 };
      console.log(
        `seed ${seed} ${arm.label}: ${row.usedCodes.toFixed(1)} codes, perplexity ${row.perplexity.toFixed(2)}, reconstruction ${row.reconstruction.toFixed(3)} (${row.seconds.toFixed(1)} s)`,
      );
      rows.push(row);
    }
  }
  return rows;
}

interface CurvePoint {
  readonly seconds: number;
  readonly step: number;
  readonly total: number;
  readonly aminoAcid: number;
  readonly perplexity: number;
}

async function defaultRun(source: ProteinSource, seconds: number): Promise<CurvePoint[]> {
  const config = withConfigValues(browserRunConfig(), [
    ['training.backend', 'wasm'],
    ['training.workers', 1],
    ['training.strategy', 'single'],
  ]);
  const t = await trainer(config, source);
  const curve: CurvePoint[] = [];
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < seconds * 1000) {
      const point = await t.step();
      if (!point) break;
      curve.push({
        seconds: (performance.now() - t0) / 1000,
        step: point.step,
        total: point.total,
        aminoAcid: point.losses['aminoAcid'] ?? NaN,
        perplexity: point.perplexity,
      });
    }
  } finally {
    t.dispose();
  }
  return curve;
}

const fixed = (value: number, digits: number) => value.toFixed(digits);

function markdown(rows: readonly ArmRun[], curve: readonly CurvePoint[], seeds: number, seconds: number): string {
  const machine = describeMachine();
  const lines = [
    '# Teaching measurements',
    '',
    `Measured with \`npm run bench:teaching\` on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, tfjs WebAssembly backend, one trainer.`,
    '',
    `## Commitment-schedule comparison (defaults: ${COMPARISON_SCENARIO.steps} steps, final values = mean of the last 5 steps)`,
    '',
    '| seed | schedule | codes in use | perplexity | reconstruction loss | seconds |',
    '|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.seed} | ${COMPARISON_ARMS.find((a) => a.id === r.arm)?.label ?? r.arm} | ${fixed(r.usedCodes, 1)} | ${fixed(r.perplexity, 2)} | ${fixed(r.reconstruction, 3)} | ${fixed(r.seconds, 1)} |`,
    ),
    '',
    '| seed | largest ÷ smallest perplexity |',
    '|---:|---:|',
    ...Array.from({ length: seeds }, (_, seed) => {
      const p = rows.filter((r) => r.seed === seed).map((r) => r.perplexity);
      return `| ${seed} | ${fixed(Math.max(...p) / Math.min(...p), 2)} |`;
    }),
    '',
    `## The default run's first ${seconds} s`,
    '',
    '| seconds | step | total loss | amino-acid loss | perplexity |',
    '|---:|---:|---:|---:|---:|',
    ...curve
      .filter(
        (p, k) =>
          k === 0 ||
          k === curve.length - 1 ||
          Math.floor(p.seconds / 15) > Math.floor((curve[k - 1]?.seconds ?? 0) / 15),
      )
      .map(
        (p) =>
          `| ${fixed(p.seconds, 0)} | ${p.step} | ${fixed(p.total, 3)} | ${fixed(p.aminoAcid, 3)} | ${fixed(p.perplexity, 1)} |`,
      ),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const seeds = flag('seeds', 5);
  const seconds = flag('seconds', 120);
  registerWasmKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend could not start');
  shareSavedTensors();
  registerLeanGradients();
  await h5wasm.ready;
  const handle = await openStructsFile(h5wasm, SAMPLE, 'sample-structs.h5');
  try {
    const source = hdf5Source(handle, readIndex(handle));
    const rows = process.argv.includes('--no-comparison') ? [] : await comparison(source, seeds);
    const curve = process.argv.includes('--no-default-run') ? [] : await defaultRun(source, seconds);
    mkdirSync(join(root, 'bench'), { recursive: true });
    writeFileSync(
      join(root, 'bench/teaching.json'),
      `${JSON.stringify({ machine: describeMachine(), scenario: COMPARISON_SCENARIO, comparison: rows, defaultRun: curve }, null, 1)}\n`,
    );
    writeFileSync(join(root, 'bench/teaching.md'), markdown(rows, curve, rows.length > 0 ? seeds : 0, seconds));
    console.log('wrote bench/teaching.json and bench/teaching.md');
  } finally {
    closeStructsFile(handle);
  }
}

await main();
