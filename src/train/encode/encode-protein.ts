/**
 * One protein through the encoder and quantizer under the given weights: the whole chain as a batch of one, no
 * dropout, decoders not run. Both the run's per-protein token request and the dataset encoder call this, so a protein gets the same
 * codes from either for the same weights on the same backend.
 */
import * as tf from '@tensorflow/tfjs';
import { encode } from '../../model/encoder/encoder';
import type { ModelConfig } from '../../model/model-config';
import { disposeModelInputs, toModelInputs } from '../../model/model-inputs';
import type { ParameterSet } from '../../model/params/parameter-set';
import { quantize } from '../../model/quantizer/quantize';
import { codebookVariable } from '../../model/quantizer/codebook-variable';
import type { CodebookVectors } from '../../protocol/coordinator-messages';
import type { ProteinEncoding } from '../../protocol/encode-messages';
import type { PaddedBatch } from '../../protocol/padded-batch';
import type { ProteinSource } from '../trainer/protein-source';

/** The DSSP class per residue from the batch's `ss` one-hot (loop, helix, strand); −1 where it is absent. */
function dsspClasses(batch: PaddedBatch, length: number): number[] {
  const ss = batch.residueFeatures.ss;
  if (!ss || ss.cols < 3) return new Array<number>(length).fill(-1);
  return Array.from({ length }, (_, k) => {
    const row = ss.data.subarray(k * ss.cols, k * ss.cols + 3);
    const best = row.indexOf(Math.max(...row));
    return (row[best] ?? 0) > 0 ? best : -1;
  });
}

/** Reads protein `id` from `source` whole; throws naming it when it cannot be read. */
export function readWholeProtein(source: ProteinSource, id: string, seed: number): PaddedBatch {
  const { batch, skipped } = source.readBatch([id], { maxLength: Infinity, seed, epoch: 0 });
  if (!batch) throw new Error(`${source.name}: ${id} could not be read (${skipped.map((s) => s.reason).join('; ')})`);
  return batch;
}

/** Read the codebook and the encoder outputs too (the per-protein token request; not the dataset encoder). */
export interface EncodeOptions {
  readonly withVectors?: boolean;
}

/** Tokens, DSSP classes, pLDDT and CA trace of the single protein in `batch` (and its vectors when asked). */
export async function encodeProtein(
  params: ParameterSet,
  modelConfig: ModelConfig,
  batch: PaddedBatch,
  seed: number,
  options: EncodeOptions = {},
): Promise<ProteinEncoding> {
  const inputs = toModelInputs(batch);
  try {
    // Tokens need only the encoder and the quantizer: the decoders never run here.
    // The encoder outputs are kept only when asked for (the per-protein request), not by the dataset encoder.
    const [codes, z] = tf.tidy((): [tf.Tensor2D, tf.Tensor3D | undefined] => {
      const outputs = encode(params, modelConfig.encoder, inputs, { training: false, seed, step: 0, rank: 0 });
      const nearest = quantize(codebookVariable(params), outputs, inputs.mask, 0).codes;
      return options.withVectors ? [nearest, outputs] : [nearest, undefined];
    });
    const length = batch.lengths[0] ?? 0;
    const dim = modelConfig.quantizer.embeddingDim;
    let values: number[];
    let vectors: CodebookVectors | undefined;
    try {
      values = Array.from((await codes.data()) as Int32Array).slice(0, length);
      if (z) {
        const codebook = Array.from(await codebookVariable(params).data());
        vectors = { dim, codebook, outputs: Array.from((await z.data()).slice(0, length * dim)) };
      }
    } finally {
      codes.dispose();
      z?.dispose();
    }
    const plddt = batch.residueFeatures.plddt;
    const confidence = batch.plddtIsConfidence[0] === 1 && plddt ? Array.from(plddt.data.slice(0, length)) : null;
    const coords = batch.residueFeatures.coords;
    const ca = coords ? Array.from(coords.data.slice(0, length * 3)) : [];
    const encoding = {
      proteinId: batch.ids[0] ?? '',
      sequence: batch.sequences[0] ?? '',
      codes: values,
      plddt: confidence,
      codebookSize: modelConfig.quantizer.codes,
      ss: dsspClasses(batch, length),
      ca,
    };
    return vectors ? { ...encoding, vectors } : encoding;
  } finally {
    disposeModelInputs(inputs);
  }
}
