import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../config/run-config-values';
import { MODEL_PRESETS } from './presets';
import type { RunConfig } from '../protocol/run-config';
import { modelConfigFromRun } from './run-model-config';

const withModel = (model: Partial<RunConfig['model']>, rest: Partial<RunConfig> = {}): RunConfig => {
  const base = defaultRunConfig();
  return { ...base, ...rest, model: { ...base.model, ...model } };
};

describe('modelConfigFromRun', () => {
  test('a preset without overrides is the preset, with EMA and decoder switches from the run', () => {
    const config = modelConfigFromRun(withModel({ preset: 'teaching' }));
    expect(config.encoder).toEqual(MODEL_PRESETS.teaching.encoder);
    expect(config.quantizer).toEqual({ ...MODEL_PRESETS.teaching.quantizer, ema: defaultRunConfig().vq.ema });
    expect(config.decoders.sequence).toEqual(MODEL_PRESETS.teaching.decoders.sequence);
    expect(config.decoders.fft2.enabled).toBe(defaultRunConfig().decoders.outputFft);
  });

  test('overrides map as documented: hidden size everywhere, layers, heads, codes, width', () => {
    const config = modelConfigFromRun(
      withModel({
        preset: 'tiny',
        hiddenSize: 30,
        encoderLayers: 3,
        encoderHeads: 5,
        decoderHeads: 3,
        numEmbeddings: 12,
        embeddingDim: 6,
      }),
    );
    expect(config.encoder.hiddenChannels).toEqual([30, 30, 30, 30]);
    expect(config.encoder.heads).toBe(5);
    expect(config.encoder.headHidden).toBe(30);
    expect(config.decoders.geometry).toMatchObject({ hidden: 30, heads: 3 });
    expect(config.decoders.contacts).toMatchObject({ hidden: 30, pairHidden: 15 });
    expect(config.quantizer).toMatchObject({ codes: 12, embeddingDim: 6 });
  });

  test('with the foldtree2 presets the distance head stays as wide as the decoder (FoldTree2 edge_logits_mlp)', () => {
    expect(
      modelConfigFromRun(withModel({ preset: 'foldtree2-small', hiddenSize: 60 })).decoders.contacts,
    ).toMatchObject({ hidden: 60, pairHidden: 60 });
  });

  test('a decoder width that the heads do not divide is refused, naming the keys to change', () => {
    expect(() => modelConfigFromRun(withModel({ preset: 'tiny', hiddenSize: 256, decoderHeads: 5 }))).toThrow(
      /sequence decoder's width 256 is not divisible by its 5 attention heads/,
    );
  });
});
