/**
 * The PyTorch yardstick (`../shared/reference/same_shape.py`, Debian's python3-torch, 2 threads): a whole optimizer
 * step of a PyTorch model of a studio preset's sizes at a batch shape. Null where python3-torch or the yardstick is
 * missing, so benchmarks print a dash instead of failing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_PRESETS, type ModelPresetName } from '../../src/model/presets';

const YARDSTICK = resolve(import.meta.dirname, '../../../shared/reference/same_shape.py');

export interface YardstickStep {
  readonly ms: number;
  readonly residuesPerS: number;
}

/** The yardstick's flags for a preset: same_shape.py mirrors the presets, and is told the encoder heads we use. */
function presetFlags(preset: ModelPresetName): string[] {
  return preset === 'foldtree2'
    ? ['--preset', 'foldtree2', '--enc-heads', String(MODEL_PRESETS.foldtree2.encoder.heads)]
    : ['--preset', preset];
}

/** Median step of `steps` (at least 3) at `batch` × `length`; null when it cannot run here. */
export function pytorchStep(
  preset: ModelPresetName,
  batch: number,
  length: number,
  steps: number,
): YardstickStep | null {
  if (!existsSync(YARDSTICK) || !existsSync('/usr/bin/python3')) return null;
  try {
    const args = [YARDSTICK, ...presetFlags(preset), '--batch', String(batch), '--length', String(length)];
    const out = execFileSync('/usr/bin/python3', [...args, '--steps', String(Math.max(steps, 3))], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const line = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as {
      step_ms_median?: number;
      residues_per_s?: number;
    };
    return line.step_ms_median && line.residues_per_s
      ? { ms: line.step_ms_median, residuesPerS: line.residues_per_s }
      : null;
  } catch {
    return null;
  }
}
