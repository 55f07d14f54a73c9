/**
 * The decoder registry: one file per decoder, listed once here (their parameters are listed in
 * `decoder-specs.ts`). `decode` runs each ENABLED decoder once and merges their outputs (no two decoders may
 * produce the same output).
 */
import * as tf from '@tensorflow/tfjs';
import type { DecoderConfigs, DecoderName } from '../model-config';
import type { ParameterSet } from '../params/parameter-set';
import { CONTACTS_DECODER } from './contacts-decoder';
import { enabledDecoders } from './decoder-specs';
import type { DecoderContext, DecoderDefinition, DecoderOutputName, DecoderOutputs } from './decoder-types';
import { FFT2_DECODER } from './fft2-decoder';
import { GEOMETRY_DECODER } from './geometry-decoder';
import { SEQUENCE_DECODER } from './sequence-decoder';

export type DecoderRegistry = { readonly [K in DecoderName]: DecoderDefinition<DecoderConfigs[K]> };

export const DECODERS: DecoderRegistry = {
  sequence: SEQUENCE_DECODER,
  geometry: GEOMETRY_DECODER,
  contacts: CONTACTS_DECODER,
  fft2: FFT2_DECODER,
};

function forwardOf<K extends DecoderName>(
  name: K,
  params: ParameterSet,
  configs: DecoderConfigs,
  tokens: tf.Tensor3D,
  context: DecoderContext,
): DecoderOutputs {
  const definition: DecoderDefinition<DecoderConfigs[K]> = DECODERS[name];
  return definition.forward(params, configs[name], tokens, context);
}

/**
 * tokens [B, L, D] (quantized) → the merged outputs of every enabled decoder. Intermediates are created: call
 * inside tf.tidy, or dispose the result with {@link disposeDecoderOutputs} after a tidy around the rest.
 */
export function decode(
  params: ParameterSet,
  configs: DecoderConfigs,
  tokens: tf.Tensor3D,
  context: DecoderContext,
): DecoderOutputs {
  const merged: DecoderOutputs = {};
  const producer = new Map<DecoderOutputName, DecoderName>();
  for (const name of enabledDecoders(configs)) {
    const outputs = forwardOf(name, params, configs, tokens, context);
    for (const key of Object.keys(outputs) as DecoderOutputName[]) {
      const earlier = producer.get(key);
      if (earlier) throw new Error(`decoders ${earlier} and ${name} both produce ${key}`);
      producer.set(key, name);
    }
    Object.assign(merged, outputs);
  }
  return merged;
}

/** Disposes every tensor in `outputs`. */
export function disposeDecoderOutputs(outputs: DecoderOutputs): void {
  tf.dispose(Object.values(outputs).filter((value): value is tf.Tensor => value instanceof tf.Tensor));
}
