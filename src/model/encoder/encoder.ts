/**
 * FoldTree2's `mk1_Encoder` (HEAD layout with learnPositions, REF's with concatPositions; HEAD's edge attributes in
 * the graph layers) as a pure function: padded batch → pre-quantisation embeddings z [B, L, D], zero in padding
 * rows. Widths and parameters: `encoder-specs.ts`; see docs/model-encoder.md.
 *
 *   input: LayerNorm(F, ε 1e-6)(res) [‖ positions 256 | ‖ Position_MLP(positions) 64] → Linear(→ 2h) → GELU → Linear(→ h) → GELU
 *          [+ LayerNorm(160)(fourier) → Linear(→ 2h) → GELU → Linear(→ h) → GELU]
 *   body:  per consecutive pair of hiddenChannels: graph attention → GELU → per-protein GraphNorm; keep each output
 *   head:  concat(kept) → Linear → GELU → Linear → GELU; [· ‖ AA one-hot] → Linear → GELU → Linear → GELU → Linear(→ D) → Tanh
 */
import * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { layerNorm } from '../layers/layer-norm';
import { mlp } from '../layers/mlp';
import { positionMlp, positionMlpDropout } from '../layers/position-mlp';
import { ENCODER_POSITION_MLP } from '../layers/position-mlp-specs';
import type { EncoderConfig } from '../model-config';
import type { ModelInputs } from '../model-inputs';
import type { ParameterSet } from '../params/parameter-set';
import { ENCODER_DROPOUT_SITE, seededDropout, type DropoutKey } from './encoder-dropout';
import { encoderShapes } from './encoder-specs';
import { graphAttention } from './graph-attention';
import { perProteinNorm } from './per-protein-norm';

/** HEAD's `input.ln` epsilon (REF used PyTorch's default 1e-5). */
export const INPUT_NORM_EPS = 1e-6;

export interface EncodeOptions {
  /** Dropout on (config.dropout) only when true. */
  readonly training: boolean;
  /** The run's seed; dropout masks are keyed by (seed, step, rank, site). */
  readonly seed: number;
  /** The optimizer step (or micro-batch counter) this forward pass belongs to. */
  readonly step: number;
  /** The data-parallel worker rank, so replicas draw different masks; default 0. */
  readonly rank?: number;
}

/**
 * inputs (B proteins, L padded residues) → z [B, L, D] float32 in (−1, 1), exactly 0 in padding rows. D is read
 * from the parameters. Features of padding residues and of non-contact pairs reach no output and no gradient.
 */
export function encode(
  params: ParameterSet,
  config: EncoderConfig,
  inputs: ModelInputs,
  options: EncodeOptions,
): tf.Tensor3D {
  const embeddingDim = params.get('encoder.head.out.2.weight').shape[1] ?? 0;
  const shapes = encoderShapes(config, inputs.res.shape[2], embeddingDim);
  const key: DropoutKey = { seed: options.seed, step: options.step, rank: options.rank ?? 0 };
  const drop = (x: tf.Tensor, site: number): tf.Tensor => seededDropout(x, config.dropout, options.training, key, site);

  let features = layerNorm(params, 'encoder.input.norm', inputs.res, INPUT_NORM_EPS);
  if (config.concatPositions) features = tf.concat([features, inputs.positions], 2);
  if (config.learnPositions) {
    const dropPositions = (p: tf.Tensor): tf.Tensor =>
      seededDropout(p, positionMlpDropout(config.dropout), options.training, key, ENCODER_DROPOUT_SITE.positionMlp);
    features = tf.concat(
      [features, positionMlp(params, 'encoder.positions', ENCODER_POSITION_MLP, inputs.positions, dropPositions)],
      2,
    );
  }
  // FoldTree2 applies two dropouts in a row here (input.dropout, then inmlp's own); kept for parity.
  features = drop(drop(features, ENCODER_DROPOUT_SITE.input), ENCODER_DROPOUT_SITE.inputMlp);
  let x = mlp(params, 'encoder.input.mlp', shapes.inputMlp, features) as tf.Tensor3D;
  if (config.fourierInput) {
    const fourier = layerNorm(params, 'encoder.input.fourier.norm', drop(inputs.fourier, ENCODER_DROPOUT_SITE.fourier));
    x = tf.add(x, mlp(params, 'encoder.input.fourier.mlp', shapes.fourierMlp, fourier));
  }

  const graph = { neighbours: inputs.neighbours, edgeFeature: inputs.edgeFeature };
  const kept: tf.Tensor3D[] = [];
  shapes.layers.forEach((_, k) => {
    const attention = {
      rate: config.dropout,
      training: options.training,
      key,
      site: ENCODER_DROPOUT_SITE.attention + k,
    };
    const updated = gelu(
      graphAttention(params, `encoder.body.layer${k}.attention`, x, graph, attention),
    ) as tf.Tensor3D;
    x = perProteinNorm(params, `encoder.body.layer${k}.norm`, updated, inputs.mask);
    kept.push(x);
  });

  const jumping = kept.length === 1 ? x : tf.concat(kept, 2);
  const head = mlp(params, 'encoder.head.mlp', shapes.headMlp, jumping);
  const z = mlp(params, 'encoder.head.out', shapes.headOut, tf.concat([head, inputs.aminoAcids], 2));
  return tf.mul(z, tf.expandDims(inputs.mask, 2)) as tf.Tensor3D;
}
