import { describe, expect, test } from 'vitest';
import { DECODER_NAMES, type DecoderConfigs } from '../model-config';
import { parameterCount } from '../params/parameter-spec';
import { MODEL_PRESETS } from '../presets';
import { DECODERS } from './registry';
import { decoderPrefix, decoderSpecs, enabledDecoders } from './decoder-specs';

const TINY = MODEL_PRESETS.tiny;
const D = TINY.quantizer.embeddingDim;

describe('the decoder registry', () => {
  test('lists every decoder name exactly once, each under its own name', () => {
    expect(Object.keys(DECODERS)).toEqual([...DECODER_NAMES]);
    for (const name of DECODER_NAMES) expect(DECODERS[name].name).toBe(name);
    expect(enabledDecoders(TINY.decoders)).toEqual(['sequence', 'geometry', 'contacts']);
  });

  test('names are unique and follow decoder.<name>.{input,body,head}.… in every preset', () => {
    for (const preset of Object.values(MODEL_PRESETS)) {
      const configs: DecoderConfigs = { ...preset.decoders, fft2: { ...preset.decoders.fft2, enabled: true } };
      const names = decoderSpecs(configs, preset.quantizer.embeddingDim).map((spec) => spec.name);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names)
        expect(name).toMatch(/^decoder\.(sequence|geometry|contacts|fft2)\.(input|body|head)\./);
    }
  });

  test('parameter counts of the tiny decoders match hand-derived totals (D 8, hidden 16, FFN 32, pairHidden 16)', () => {
    const count = (name: (typeof DECODER_NAMES)[number]): number =>
      parameterCount(decoderSpecs(TINY.decoders, D).filter((spec) => spec.name.startsWith(decoderPrefix(name))));
    // input (264·16+16) + (16·16+16) = 4512; layer: in-proj 16·48+48, out-proj 272, FFN 16·32+32 + 32·16+16,
    // norms 64 = 2224; head norm 32, convs 3·16·16+16 three times (FoldTree2's cnn_decoder), 16·20+20.
    expect(count('sequence')).toBe(4512 + 2224 + 32 + 784 + 784 + 784 + 340);
    // same input and layer; ss norm 32 + 3·272 + (16·3+3); angles 3·272 + (16·6+6).
    expect(count('geometry')).toBe(4512 + 2224 + 32 + 867 + 918);
    // input 8·32+32 + 32·32+32; convs 3·32·32+32 (+64 norm), 3·32·16+16 (+32 norm); lin 3·272; τ, b;
    // Position_MLP: norm 512, 256·128+128, 2 × (128·128+128), 128·32+32 = 70560; pair norm 2·2·(16+32) = 192;
    // edge_logits_mlp 96·16+16, 16·16+16, 16·8+8, 8·8+8.
    expect(count('contacts')).toBe(1344 + 3168 + 1584 + 816 + 2 + 70560 + 192 + 1552 + 272 + 136 + 72);
    const fft2 = decoderSpecs({ ...TINY.decoders, fft2: { enabled: true, hidden: 16 } }, D).filter((s) =>
      s.name.startsWith('decoder.fft2.'),
    );
    expect(parameterCount(fft2)).toBe(8 * 16 + 16 + (16 * 16 + 16) + (16 * 2600 + 2600));
  });

  test('layouts that map onto FoldTree2 tensors: packed q,k,v in-projection, conv [k, in, out], scalar τ and b', () => {
    const specs = new Map(decoderSpecs(MODEL_PRESETS.foldtree2.decoders, 128).map((spec) => [spec.name, spec.shape]));
    expect(specs.get('decoder.sequence.body.layers.1.selfAttention.inProjection.weight')).toEqual([200, 600]);
    expect(specs.get('decoder.sequence.body.layers.1.linear1.weight')).toEqual([200, 2048]);
    expect(specs.get('decoder.sequence.head.conv.2.weight')).toEqual([3, 200, 200]);
    expect(specs.get('decoder.sequence.head.conv.3.weight')).toEqual([1, 200, 20]);
    expect(specs.get('decoder.contacts.body.convs.0.weight')).toEqual([3, 400, 400]);
    expect(specs.get('decoder.contacts.body.convs.1.weight')).toEqual([3, 400, 200]);
    expect(specs.get('decoder.contacts.body.convs.2.weight')).toEqual([3, 200, 200]);
    expect(specs.get('decoder.contacts.head.temperature')).toEqual([1]);
    expect(specs.get('decoder.contacts.head.distanceNorm.weight')).toEqual([2 * (200 + 32)]);
    expect(specs.get('decoder.contacts.head.distance.0.weight')).toEqual([2 * (200 + 32), 200]);
    expect(specs.get('decoder.contacts.head.distance.3.weight')).toEqual([100, 8]);
  });

  test('a transformer whose width does not divide by its heads is rejected when declared', () => {
    const configs: DecoderConfigs = { ...TINY.decoders, sequence: { ...TINY.decoders.sequence, hidden: 18, heads: 4 } };
    expect(() => decoderSpecs(configs, D)).toThrow(/not divisible by 4 heads/);
  });
});
