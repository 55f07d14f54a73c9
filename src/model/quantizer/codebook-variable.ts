/** The codebook as a tfjs variable, for the code that quantizes with it or overwrites it. */
import type * as tf from '@tensorflow/tfjs';
import type { ParameterSet } from '../params/parameter-set';
import { CODEBOOK_PARAMETER } from './quantizer-specs';

/** The codebook variable of a ParameterSet, typed [K, D] for `quantize` (throws if it is missing or not rank 2). */
export function codebookVariable(params: ParameterSet): tf.Variable<tf.Rank.R2> {
  const variable = params.get(CODEBOOK_PARAMETER);
  if (variable.rank !== 2) throw new Error(`${CODEBOOK_PARAMETER} must be [K, D], got [${variable.shape.join(', ')}]`);
  return variable as tf.Variable<tf.Rank.R2>;
}
