/**
 * The structural tokens the current model gives one protein: the whole chain through the encoder and quantizer
 * (no dropout), one code per residue, with its pLDDT (0–1, or null where the file holds B-factors) for the
 * teaching view's token strip.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeModelInputs, toModelInputs } from '../model/model-inputs';
import { forward } from '../model/tokenizer-model';
import type { ProteinTokens } from '../protocol/trainer-messages';
import type { ProteinSource } from './protein-source';
import type { TrainerParts } from './trainer-parts';

export async function proteinTokens(parts: TrainerParts, source: ProteinSource, proteinId: string | undefined, seed: number): Promise<ProteinTokens> {
  const id = proteinId ?? source.proteinIds[0];
  if (id === undefined || !source.proteinIds.includes(id)) throw new Error(`${source.name}: no protein ${proteinId ?? ''}`);
  const { batch, skipped } = source.readBatch([id], { maxLength: Infinity, seed, epoch: 0 });
  if (!batch) throw new Error(`${source.name}: ${id} could not be read (${skipped.map((s) => s.reason).join('; ')})`);
  const inputs = toModelInputs(batch);
  try {
    const codes = tf.tidy(() => forward(parts.params, parts.modelConfig, inputs, { training: false, seed, step: 0, rank: 0, commitmentCost: 0 }).quantization.codes);
    const values = Array.from((await codes.data()) as Int32Array).slice(0, batch.lengths[0] ?? 0);
    codes.dispose();
    const plddt = batch.residueFeatures.plddt;
    const confidence = batch.plddtIsConfidence[0] === 1 && plddt ? Array.from(plddt.data.slice(0, values.length)) : null;
    return { proteinId: id, sequence: batch.sequences[0] ?? '', codes: values, plddt: confidence, codebookSize: parts.modelConfig.quantizer.codes };
  } finally {
    disposeModelInputs(inputs);
  }
}
