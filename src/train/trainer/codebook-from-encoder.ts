/**
 * `vq.codebookInit: encoder`: before the first step of a new run, the codebook becomes K encoder outputs of real
 * residues, so every code starts among the data instead of FoldTree2's U(−1/K, 1/K), where encoder outputs (all
 * close to one point at initialisation) sit far from most codes and one code takes every residue.
 *
 * Every data-parallel trainer computes the same codebook without exchanging anything: the proteins are the
 * dataset's first ones in file order, cropped with the run's seed, encoded without dropout under the shared initial
 * weights, and the residues are chosen by a seeded stream (RNG_STREAM.codebookInit, seed). The EMA state starts
 * as if each code had been chosen once (cluster size 1, `ema_w` = the code), so a code the next batch leaves unused
 * keeps its place instead of being divided by ε (FoldTree2's zero cluster sizes would throw it far away).
 */
import * as tf from '@tensorflow/tfjs';
import { encode } from '../../model/encoder/encoder';
import { disposeModelInputs, toModelInputs } from '../../model/model-inputs';
import { codebookVariable } from '../../model/quantizer/codebook-variable';
import { RNG_STREAM } from '../../shared/rng-streams';
import { createRng } from '../../shared/seeded-rng';
import type { ProteinSource } from './protein-source';
import type { TrainerParts } from './trainer-parts';

/** Proteins read for the initial codebook: enough residues for K distinct choices at any usual crop. */
export const CODEBOOK_INIT_PROTEINS = 8;

/** Indices of `count` distinct residues out of `available` (with repeats only when there are fewer than `count`). */
export function chosenResidues(available: number, count: number, seed: number): number[] {
  if (available <= 0) throw new Error('no residue to start the codebook from');
  const rng = createRng(RNG_STREAM.codebookInit, seed);
  const order = Array.from({ length: available }, (_, k) => k);
  // Fisher–Yates on the seeded stream; the first `count` (cycling when short) are the chosen residues.
  for (let k = available - 1; k > 0; k--) {
    const j = rng.nextUint32() % (k + 1);
    [order[k], order[j]] = [order[j] ?? 0, order[k] ?? 0];
  }
  return Array.from({ length: count }, (_, k) => order[k % available] ?? 0);
}

/**
 * Replaces the codebook (and the EMA state) of a trainer that has not stepped yet with encoder outputs of the
 * source's first proteins; returns the number of real residues it chose from.
 */
export async function initialiseCodebookFromEncoder(
  parts: TrainerParts,
  source: ProteinSource,
  maxResidues: number | null,
  seed: number,
): Promise<number> {
  const ids = source.proteinIds.slice(0, CODEBOOK_INIT_PROTEINS);
  const { batch, skipped } = source.readBatch(ids, { maxLength: maxResidues ?? Infinity, seed, epoch: 0 });
  if (!batch)
    throw new Error(
      `${source.name}: no protein to start the codebook from (${skipped.map((s) => `${s.source}: ${s.reason}`).join('; ')})`,
    );
  const inputs = toModelInputs(batch);
  try {
    const { codes: K, embeddingDim: D } = parts.modelConfig.quantizer;
    const z = tf.tidy(() =>
      encode(parts.params, parts.modelConfig.encoder, inputs, { training: false, seed, step: 0, rank: 0 }),
    );
    const [values, mask] = await Promise.all([z.data(), inputs.mask.data()]);
    z.dispose();
    const real = Array.from(mask).flatMap((m, row) => (m > 0 ? [row] : []));
    const codebook = new Float32Array(K * D);
    chosenResidues(real.length, K, seed).forEach((choice, k) => {
      const row = real[choice] ?? 0;
      codebook.set(values.subarray(row * D, row * D + D), k * D);
    });
    const initial = tf.tensor2d(codebook, [K, D]);
    codebookVariable(parts.params).assign(initial);
    initial.dispose();
    if (parts.ema)
      parts.ema = { codes: K, dim: D, clusterSize: new Float32Array(K).fill(1), emaW: Float32Array.from(codebook) };
    return real.length;
  } finally {
    disposeModelInputs(inputs);
  }
}
