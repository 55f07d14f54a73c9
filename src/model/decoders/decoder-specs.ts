/**
 * The parameters of the decoders: one spec function per decoder, listed once here (`registry.ts` lists their
 * forward passes). A disabled decoder makes no parameters.
 */
import { DECODER_NAMES, type DecoderConfigs, type DecoderName } from '../model-config';
import type { ParameterSpec } from '../params/parameter-spec';
import { contactsDecoderSpecs } from './contacts-decoder-specs';
import { fft2DecoderSpecs } from './fft2-decoder-specs';
import { geometryDecoderSpecs } from './geometry-decoder-specs';
import { sequenceDecoderSpecs } from './sequence-decoder-specs';

/** Every parameter of one decoder, named `decoder.<name>.{input,body,head}.…`, for tokens of width D. */
export type DecoderSpecs<C> = (config: C, embeddingDim: number) => ParameterSpec[];

export const DECODER_SPECS: { readonly [K in DecoderName]: DecoderSpecs<DecoderConfigs[K]> } = {
  sequence: sequenceDecoderSpecs,
  geometry: geometryDecoderSpecs,
  contacts: contactsDecoderSpecs,
  fft2: fft2DecoderSpecs,
};

/** Prefix of every parameter of decoder `name`, e.g. `decoder.contacts.`. */
export function decoderPrefix(name: DecoderName): string {
  return `decoder.${name}.`;
}

/** The enabled decoders, in registry order. */
export function enabledDecoders(configs: DecoderConfigs): DecoderName[] {
  return DECODER_NAMES.filter((name) => configs[name].enabled);
}

function specsOf<K extends DecoderName>(name: K, configs: DecoderConfigs, embeddingDim: number): ParameterSpec[] {
  const specs: DecoderSpecs<DecoderConfigs[K]> = DECODER_SPECS[name];
  return specs(configs[name], embeddingDim);
}

/** Parameters of every enabled decoder for tokens of width D. */
export function decoderSpecs(configs: DecoderConfigs, embeddingDim: number): ParameterSpec[] {
  return enabledDecoders(configs).flatMap((name) => specsOf(name, configs, embeddingDim));
}
