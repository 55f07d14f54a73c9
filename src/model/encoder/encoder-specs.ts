/**
 * The encoder's layer widths and parameters (`encoder.ts` runs them): `encoder.input.*`, `encoder.positions.*`,
 * `encoder.body.layer<k>.*` and `encoder.head.*`.
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { mlpSpecs, type MlpShape } from '../layers/mlp-specs';
import { ENCODER_POSITION_MLP, positionMlpSpecs } from '../layers/position-mlp-specs';
import type { EncoderConfig } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { graphAttentionSpecs } from './graph-attention-specs';
import { perProteinNormSpecs } from './per-protein-norm-specs';

/** The shapes of every MLP of the encoder, derived once so specs and forward pass cannot disagree. */
export interface EncoderShapes {
  readonly inputMlp: MlpShape;
  readonly fourierMlp: MlpShape;
  /** (in, out) of each graph layer. */
  readonly layers: readonly (readonly [number, number])[];
  readonly headMlp: MlpShape;
  readonly headOut: MlpShape;
}

/** Widths fixed by FoldTree2's data: the sinusoidal position code, fourier1dr ‖ fourier1di, the AA one-hot. */
export const POSITION_WIDTH = 256;
export const FOURIER_WIDTH = 160;
export const AMINO_ACID_WIDTH = 20;

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

/** Every encoder parameter, F = `inputWidth` (`res.x` columns), D = `embeddingDim`. */
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
