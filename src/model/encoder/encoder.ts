/**
 * FoldTree2's `mk1_Encoder` (HEAD layout with learnPositions, REF's with concatPositions; HEAD's edge attributes in
 * the graph layers) as a pure function: padded batch → pre-quantisation embeddings z [B, L, D], zero in padding
 * rows. See docs/model-encoder.md.
 *
 *   input: LayerNorm(F, ε 1e-6)(res) [‖ positions 256 | ‖ Position_MLP(positions) 64] → Linear(→ 2h) → GELU → Linear(→ h) → GELU
 *          [+ LayerNorm(160)(fourier) → Linear(→ 2h) → GELU → Linear(→ h) → GELU]
 *   body:  per consecutive pair of hiddenChannels: graph attention → GELU → per-protein GraphNorm; keep each output
 *   head:  concat(kept) → Linear → GELU → Linear → GELU; [· ‖ AA one-hot] → Linear → GELU → Linear → GELU → Linear(→ D) → Tanh
 */
import * as tf from '@tensorflow/tfjs';
import { gelu } from '../layers/activations';
import { layerNorm, layerNormSpecs } from '../layers/layer-norm';
import { mlp, mlpSpecs, type MlpShape } from '../layers/mlp';
import { ENCODER_POSITION_MLP, positionMlp, positionMlpDropout, positionMlpSpecs } from '../layers/position-mlp';
import type { EncoderConfig } from '../model-config';
import type { ModelInputs } from '../model-inputs';
import type { ParameterSet } from '../params/parameter-set';
import type { ParameterSpec } from '../params/parameter-spec';
import { ENCODER_DROPOUT_SITE, seededDropout, type DropoutKey } from './encoder-dropout';
import { graphAttention, graphAttentionSpecs } from './graph-attention';
import { perProteinNorm, perProteinNormSpecs } from './per-protein-norm';

/** Widths fixed by FoldTree2's data: the sinusoidal position code, fourier1dr ‖ fourier1di, the AA one-hot. */
export const POSITION_WIDTH = 256;
export const FOURIER_WIDTH = 160;
export const AMINO_ACID_WIDTH = 20;
/** HEAD's `input.ln` epsilon (REF used PyTorch's default 1e-5). */
export const INPUT_NORM_EPS = 1e-6;

/** The shapes of every MLP of the encoder, derived once so specs and forward pass cannot disagree. */
export interface EncoderShapes {
  readonly inputMlp: MlpShape;
  readonly fourierMlp: MlpShape;
  /** (in, out) of each graph layer. */
  readonly layers: readonly (readonly [number, number])[];
  readonly headMlp: MlpShape;
  readonly headOut: MlpShape;
}

/** Columns the positions add to the input MLP's input: 256 raw (REF), 64 learned (HEAD) or none. */
export function positionColumns(config: EncoderConfig): number {
  if (config.learnPositions && config.concatPositions)
    throw new Error(
      'encoder: learnPositions and concatPositions exclude each other (FoldTree2 HEAD forces concat_positions off)',
    );
  if (config.learnPositions) return ENCODER_POSITION_MLP.out;
  return config.concatPositions ? POSITION_WIDTH : 0;
}

export function encoderShapes(config: EncoderConfig, inputWidth: number, embeddingDim: number): EncoderShapes {
  const widths = config.hiddenChannels;
  const h = widths[0] ?? 0;
  if (widths.length < 2)
    throw new Error(`encoder hiddenChannels needs at least two widths (one graph layer), got [${widths.join(', ')}]`);
  const layers = widths.slice(1).map((out, k) => [widths[k] ?? 0, out] as const);
  // FoldTree2 sizes the head's input as hidden[-1]·(layers); the sum of the layer widths equals it when all widths
  // are equal and stays correct when they are not.
  const concatWidth = layers.reduce((sum, [, out]) => sum + out, 0);
  const e = config.headHidden;
  return {
    inputMlp: { widths: [inputWidth + positionColumns(config), 2 * h, h], activation: 'gelu' },
    fourierMlp: { widths: [FOURIER_WIDTH, 2 * h, h], activation: 'gelu' },
    layers,
    headMlp: { widths: [concatWidth, e, e], activation: 'gelu' },
    headOut: { widths: [e + AMINO_ACID_WIDTH, e, e, embeddingDim], activation: 'gelu', lastActivation: 'tanh' },
  };
}

/** Every encoder parameter (`encoder.input.*`, `encoder.positions.*`, `encoder.body.layer<k>.*`, `encoder.head.*`), F = `res.x` columns. */
export function encoderSpecs(config: EncoderConfig, inputWidth: number, embeddingDim: number): ParameterSpec[] {
  const shapes = encoderShapes(config, inputWidth, embeddingDim);
  return [
    ...(config.learnPositions ? positionMlpSpecs('encoder.positions', ENCODER_POSITION_MLP) : []),
    ...layerNormSpecs('encoder.input.norm', inputWidth),
    ...mlpSpecs('encoder.input.mlp', shapes.inputMlp),
    ...(config.fourierInput
      ? [
          ...layerNormSpecs('encoder.input.fourier.norm', FOURIER_WIDTH),
          ...mlpSpecs('encoder.input.fourier.mlp', shapes.fourierMlp),
        ]
      : []),
    ...shapes.layers.flatMap(([inDim, outDim], k) => [
      ...graphAttentionSpecs(`encoder.body.layer${k}.attention`, inDim, outDim, config.heads),
      ...perProteinNormSpecs(`encoder.body.layer${k}.norm`, outDim),
    ]),
    ...mlpSpecs('encoder.head.mlp', shapes.headMlp),
    ...mlpSpecs('encoder.head.out', shapes.headOut),
  ];
}

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
