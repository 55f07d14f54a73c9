/**
 * The parameters of the `sequence` decoder (`sequence-decoder.ts`): the transformer trunk, then the CNN head
 * `head.norm` (LayerNorm h) and `head.conv.{0,1,2}` (h → h, k 3), `head.conv.3` (h → 20, k 1).
 */
import { layerNormSpecs } from '../layers/layer-norm-specs';
import { conv1dSpecs } from './conv1d-specs';
import { trunkDecoderSpecs } from './transformer-trunk-specs';

export const AMINO_ACID_CLASSES = 20;

export const sequenceDecoderSpecs = trunkDecoderSpecs('sequence', (prefix, h) => [
  ...layerNormSpecs(`${prefix}.head.norm`, h),
  ...conv1dSpecs(`${prefix}.head.conv.0`, h, h, 3),
  ...conv1dSpecs(`${prefix}.head.conv.1`, h, h, 3),
  ...conv1dSpecs(`${prefix}.head.conv.2`, h, h, 3),
  ...conv1dSpecs(`${prefix}.head.conv.3`, h, AMINO_ACID_CLASSES, 1),
]);
