/**
 * Masks are exact: predictions or targets at padding, and at pLDDT-masked residues for the masked terms,
 * change neither a loss nor its gradient (even NaN there); a B-factor protein is never pLDDT-masked.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import type { PaddedBatch } from '../../protocol/padded-batch';
import { DEFAULT_DISTANCE_BIN_EDGES, DEFAULT_LOSS_WEIGHTS } from './loss-config';
import { mixedBatch, uniformValues } from './loss-fixtures.node';
import type { LossPredictions } from './loss-predictions';
import { disposeLossTargets, type LossTargets, toLossTargets } from './loss-targets';
import { computeLosses } from './total-loss';

type Field = 'aminoAcidLogits' | 'ssLogits' | 'angles' | 'angleVectors' | 'contactProbability' | 'distanceLogits';
type Term = 'aminoAcid' | 'ss' | 'angles' | 'edge' | 'logit';
const TERM_OF: Record<Field, Term> = {
  aminoAcidLogits: 'aminoAcid',
  ssLogits: 'ss',
  angles: 'angles',
  angleVectors: 'angles',
  contactProbability: 'edge',
  distanceLogits: 'logit',
};
const OPTIONS = {
  maskPlddt: true,
  plddtThreshold: 0.3,
  distanceBinEdges: DEFAULT_DISTANCE_BIN_EDGES,
  seed: 5,
  step: 1,
  rank: 0,
};

const batch = mixedBatch(6);
const [B, L] = [batch.batchSize, batch.paddedLength];
/** Protein 0's residues 1, 3, 5 have plddt 0.2, 0.3, 0.1: not above 0.3. */
const LOW_PLDDT = new Set([1, 3, 5]);
const isPadding = (b: number, i: number): boolean => i >= (batch.lengths[b] ?? 0);
const isLowPlddt = (b: number, i: number): boolean => b === 0 && LOW_PLDDT.has(i);

/** The targets every test compares against (module level: the distance logits' layout follows their pair list). */
const targets: LossTargets = toLossTargets(batch, OPTIONS);
afterAll(() => disposeLossTargets(targets));
const pairFirst = targets.pairs.first.dataSync();
const pairSecond = targets.pairs.second.dataSync();

/** `pair`: [B, L, L, …] over every pair; 'listed': one row per scored pair of `targets.pairs`. */
interface Layout {
  readonly shape: number[];
  readonly pair: boolean | 'listed';
  readonly lo: number;
  readonly hi: number;
}
const LAYOUT: Record<Field, Layout> = {
  aminoAcidLogits: { shape: [B, L, 20], pair: false, lo: -2, hi: 2 },
  ssLogits: { shape: [B, L, 3], pair: false, lo: -2, hi: 2 },
  angles: { shape: [B, L, 3], pair: false, lo: -3, hi: 3 },
  angleVectors: { shape: [B, L, 6], pair: false, lo: 0.2, hi: 1 },
  contactProbability: { shape: [B, L, L], pair: true, lo: 0.05, hi: 0.95 },
  distanceLogits: { shape: [targets.pairs.count, 8], pair: 'listed', lo: -2, hi: 2 },
};
const FIELDS = Object.keys(LAYOUT) as Field[];

/** Whether flat entry k of a field touches a residue selected by `hit` (for pairs: either residue). */
function touches(field: Field, k: number, hit: (b: number, i: number) => boolean): boolean {
  const { shape, pair } = LAYOUT[field];
  const inner = shape.slice(1).reduce((a, c) => a * c, 1);
  if (pair === 'listed') {
    const [rowI, rowJ] = [pairFirst[Math.floor(k / inner)] ?? 0, pairSecond[Math.floor(k / inner)] ?? 0];
    return hit(Math.floor(rowI / L), rowI % L) || hit(Math.floor(rowJ / L), rowJ % L);
  }
  const b = Math.floor(k / inner);
  const rest = k % inner;
  const i = Math.floor(rest / (inner / L));
  if (!pair) return hit(b, i);
  const j = Math.floor((rest % (inner / L)) / (inner / L / L));
  return hit(b, i) || hit(b, j);
}

function base(field: Field, seed: number): Float32Array {
  const { shape, lo, hi } = LAYOUT[field];
  return uniformValues(
    shape.reduce((a, c) => a * c, 1),
    lo,
    hi,
    seed,
  );
}

/** A copy of `values` with every entry touching `hit` replaced by `fill(k)`. */
function perturb(
  field: Field,
  values: Float32Array,
  hit: (b: number, i: number) => boolean,
  fill: (k: number) => number,
): Float32Array {
  return values.map((v, k) => (touches(field, k, hit) ? fill(k) : v));
}

/** The term's loss and its gradient with respect to the prediction. */
function lossAndGradient(
  field: Field,
  values: Float32Array,
  targets: LossTargets,
): { loss: number; grad: Float32Array } {
  return tf.tidy(() => {
    const x = tf.tensor(values, LAYOUT[field].shape);
    const f = (t: tf.Tensor): tf.Scalar => {
      const outputs: LossPredictions = { [field]: t };
      const raw = computeLosses(outputs, targets, null, DEFAULT_LOSS_WEIGHTS).raw[TERM_OF[field]];
      if (raw === undefined) throw new Error(`no ${field} term`);
      return raw;
    };
    const { value, grad } = tf.valueAndGrad(f)(x);
    // −0 and +0 are the same gradient; normalise so toEqual compares values.
    return { loss: value.dataSync()[0] ?? NaN, grad: Float32Array.from(grad.dataSync(), (g) => (g === 0 ? 0 : g)) };
  });
}

describe('predictions behind a mask', () => {
  test('the distance head scores no pair that touches padding or a pLDDT-masked residue', () => {
    expect(targets.pairs.count).toBeGreaterThan(0);
    for (let k = 0; k < targets.pairs.count * 8; k++)
      expect(touches('distanceLogits', k, (b, i) => isPadding(b, i) || isLowPlddt(b, i))).toBe(false);
  });

  test.each(FIELDS)(
    '%s: padding (garbage, zeros, NaN) changes neither loss nor gradient; padding gradient is 0',
    (field) => {
      const original = base(field, 31);
      const reference = lossAndGradient(field, original, targets);
      expect(Number.isFinite(reference.loss) && reference.loss > 0).toBe(true);
      const garbage = uniformValues(original.length, -50, 50, 32);
      for (const fill of [(k: number) => garbage[k] ?? 0, () => 0, () => NaN]) {
        const perturbed = lossAndGradient(field, perturb(field, original, isPadding, fill), targets);
        expect(perturbed.loss).toBe(reference.loss);
        expect(perturbed.grad).toEqual(reference.grad);
      }
      reference.grad.forEach((g, k) => {
        if (touches(field, k, isPadding)) expect(g).toBe(0);
      });
    },
  );

  test.each(FIELDS)('%s at pLDDT-masked residues: only the amino-acid term (not pLDDT-masked) notices', (field) => {
    const original = base(field, 33);
    const reference = lossAndGradient(field, original, targets);
    const perturbed = lossAndGradient(
      field,
      perturb(field, original, isLowPlddt, () => (field === 'contactProbability' ? 0.5 : 1.7)),
      targets,
    );
    if (field === 'aminoAcidLogits') expect(perturbed.loss).not.toBe(reference.loss);
    else {
      expect(perturbed.loss).toBe(reference.loss);
      expect(perturbed.grad).toEqual(reference.grad);
    }
  });

  test.each(FIELDS)('%s of the B-factor protein (all plddt < 0.3) still counts', (field) => {
    const original = base(field, 34);
    const bFactor = (b: number, i: number): boolean => b === 1 && !isPadding(b, i);
    const reference = lossAndGradient(field, original, targets);
    const perturbed = lossAndGradient(
      field,
      perturb(field, original, bFactor, (k) => (original[k] ?? 0) * 0.5 + 0.1),
      targets,
    );
    expect(perturbed.loss).not.toBe(reference.loss);
  });
});

/** A deep copy of the batch's residue features with `edit` applied to each (type, data, row, cols). */
function editedBatch(edit: (type: string, data: Float32Array, row: number, cols: number) => void): PaddedBatch {
  const residueFeatures = Object.fromEntries(
    Object.entries(batch.residueFeatures).map(([type, f]) => {
      const data = Float32Array.from(f.data);
      for (let row = 0; row < B * L; row++) edit(type, data, row, f.cols);
      return [type, { data, cols: f.cols }];
    }),
  );
  return { ...batch, residueFeatures };
}

describe('targets behind a mask', () => {
  const noise = uniformValues(B * L * 20, -40, 40, 35);
  const scramble = (data: Float32Array, row: number, cols: number): void => {
    for (let c = 0; c < cols; c++) data[row * cols + c] = noise[(row * cols + c) % noise.length] ?? 1;
  };
  test('targets at padding rows (AA, SS, angles, coords, plddt) change no loss or gradient', () => {
    const padded = editedBatch((_type, data, row, cols) => {
      if (isPadding(Math.floor(row / L), row % L)) scramble(data, row, cols);
    });
    const other = toLossTargets(padded, OPTIONS);
    for (const field of FIELDS) {
      const values = base(field, 36);
      expect(lossAndGradient(field, values, other)).toEqual(lossAndGradient(field, values, targets));
    }
    disposeLossTargets(other);
  });
  test('SS, angle and coordinate targets at pLDDT-masked residues change no masked term', () => {
    const low = editedBatch((type, data, row, cols) => {
      if (['ss', 'bondangles', 'coords'].includes(type) && isLowPlddt(Math.floor(row / L), row % L))
        scramble(data, row, cols);
    });
    const other = toLossTargets(low, OPTIONS);
    for (const field of ['ssLogits', 'angles', 'distanceLogits'] as const) {
      const values = base(field, 37);
      expect(lossAndGradient(field, values, other)).toEqual(lossAndGradient(field, values, targets));
    }
    disposeLossTargets(other);
  });
});
