/**
 * Test helper for full-model-reference.test.ts (Node only): writes a model's parameters, a padded batch, the
 * sampled negative pairs and the loss options to a temp JSON file, runs the independent float64 NumPy computation
 * `full_model_reference.py` with Debian's /usr/bin/python3 (the pyenv `python3` on PATH has no NumPy), and parses
 * its answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchFeature, PaddedBatch } from '../../protocol/padded-batch';
import type { LossConfig, LossName } from '../losses/loss-config';
import type { ModelConfig } from '../model-config';
import type { ParameterSet } from '../params/parameter-set';
import { runPython } from '../../shared/python-reference.node';

const SCRIPT = fileURLToPath(new URL('./full_model_reference.py', import.meta.url));

/** One array, row-major, in the studio's layout (Linear (in, out), conv [k, in, out]). */
export interface NamedArray {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

/** The loss settings the reference applies, and the VQ loss's β. */
export interface FullModelReferenceOptions extends LossConfig {
  /** β of the VQ loss. */
  readonly commitmentCost: number;
}

export interface FullModelReferenceRequest {
  readonly config: ModelConfig;
  readonly params: Readonly<Record<string, NamedArray>>;
  readonly batch: PaddedBatch;
  /** B×L×L: the negative pairs `pairMasks` sampled (before pLDDT masking; the script applies it). */
  readonly sampledNegatives: Float32Array;
  readonly options: FullModelReferenceOptions;
}

export interface FullModelReferenceDiagnostics {
  readonly contactsSymmetric: boolean;
  /** Smallest gap, over real residues, between the nearest and second-nearest code's squared distance. */
  readonly minCodeMargin: number;
  /** Every sampled negative is a non-contact i ≠ j inside its protein. */
  readonly negativesValid: boolean;
  /** Each protein has min(#contacts, #available) sampled negatives. */
  readonly negativeCountsMatch: boolean;
  readonly confidenceProteins: number;
  readonly realResidues: number;
  readonly confidentResidues: number;
  readonly positivePairs: number;
  readonly negativePairs: number;
  readonly angleEntries: number;
}

export interface FullModelReferenceAnswer {
  /** [B·L·D] encoder output, 0 in padding rows. */
  readonly z: number[];
  /** [B·L] code per residue, −1 in padding. */
  readonly codes: number[];
  readonly losses: Record<LossName, number>;
  readonly total: number;
  /** Decoder outputs in the padded layout (0 outside real rows / pairs). */
  readonly outputs: Record<string, number[]>;
  readonly diagnostics: FullModelReferenceDiagnostics;
}

/** Every parameter as { shape, data } under its studio name. */
export function exportParameters(params: ParameterSet): Record<string, NamedArray> {
  return Object.fromEntries(
    params.names().map((name) => {
      const variable = params.get(name);
      return [name, { shape: variable.shape, data: Array.from(variable.dataSync()) }];
    }),
  );
}

function plain(feature: BatchFeature | undefined, type: string): { cols: number; data: number[] } {
  if (!feature) throw new Error(`the batch has no '${type}' node type`);
  return { cols: feature.cols, data: Array.from(feature.data) };
}

function batchJson(batch: PaddedBatch): Record<string, unknown> {
  const residue = [
    'res',
    'positions',
    'fourier1dr',
    'fourier1di',
    'AA',
    'ss',
    'bondangles',
    'plddt',
    'coords',
  ] as const;
  return {
    batchSize: batch.batchSize,
    paddedLength: batch.paddedLength,
    lengths: Array.from(batch.lengths),
    plddtIsConfidence: Array.from(batch.plddtIsConfidence),
    contactMask: Array.from(batch.contactMask),
    contactDistance: Array.from(batch.contactDistance),
    ...Object.fromEntries(residue.map((type) => [type, plain(batch.residueFeatures[type], type)])),
    fourier2dr: plain(batch.proteinFeatures.fourier2dr, 'fourier2dr'),
    fourier2di: plain(batch.proteinFeatures.fourier2di, 'fourier2di'),
  };
}

/** Runs the NumPy computation on `request` (through a temp JSON file, removed afterwards). */
export function runFullModelReference(request: FullModelReferenceRequest): FullModelReferenceAnswer {
  const dir = mkdtempSync(join(tmpdir(), 'full-model-'));
  try {
    const file = join(dir, 'request.json');
    const json = {
      ...request,
      batch: batchJson(request.batch),
      sampledNegatives: Array.from(request.sampledNegatives),
    };
    writeFileSync(file, JSON.stringify(json));
    const stdout = runPython({ file: SCRIPT }, { args: [file] });
    return JSON.parse(stdout) as FullModelReferenceAnswer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** max |actual − expected| / max |expected| (a norm-wise relative error; 0/0 = 0). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} vs ${expected.length}`);
  let diff = 0;
  let scale = 0;
  for (let k = 0; k < expected.length; k++) {
    diff = Math.max(diff, Math.abs((actual[k] ?? NaN) - (expected[k] ?? NaN)));
    scale = Math.max(scale, Math.abs(expected[k] ?? NaN));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * The entries of a padded [B, L, C] (or, `pairwise`, [B, L, L, C]) array that belong to real residues / real
 * pairs, in order; padding values are unspecified for decoder outputs, so comparisons skip them.
 */
export function realEntries(
  values: ArrayLike<number>,
  lengths: Int32Array,
  L: number,
  cols: number,
  pairwise: boolean,
): number[] {
  const out: number[] = [];
  lengths.forEach((n, b) => {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < (pairwise ? n : 1); j++) {
        const row = pairwise ? (b * L + i) * L + j : b * L + i;
        for (let c = 0; c < cols; c++) out.push(values[row * cols + c] ?? NaN);
      }
  });
  return out;
}
