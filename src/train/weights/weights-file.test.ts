/**
 * Weights files into a model: a run's weights exported under FoldTree2's names (or the studio's) and read back into
 * a model initialised from another seed give every parameter bit for bit; files that do not fit are refused
 * naming the parameter.
 */
import { describe, expect, test } from 'vitest';
import { ParameterSet } from '../../model/params/parameter-set';
import { presetSpecs } from '../optimizers/model-specs.node';
import { FOLDTREE2_WEIGHTS_FORMAT, toFoldtree2Weights } from '../foldtree2-weights/index';
import { encodeSafetensors, type NamedTensor } from '../../formats/safetensors';
import { applyWeights, assertWeightsFit, readWeightsFile } from './weights-file';
import { modelSpecs } from '../../model/model-specs';
import { RES_X_WIDTH } from '../../protocol/res-features';
import { modelConfigFromRun } from '../../model/run-model-config';

function valuesOf(params: ParameterSet): Map<string, NamedTensor> {
  return new Map(
    params.specs.map((spec) => [
      spec.name,
      { shape: spec.shape, data: Float32Array.from(params.get(spec.name).dataSync()) },
    ]),
  );
}

function withModels<T>(work: (from: ParameterSet, into: ParameterSet) => T): T {
  const specs = presetSpecs('tiny');
  const from = new ParameterSet(specs, 1);
  const into = new ParameterSet(specs, 2);
  try {
    return work(from, into);
  } finally {
    from.dispose();
    into.dispose();
  }
}

/** A safetensors file written by hand, with an int64 counter beside float32 tensors, as PyTorch saves buffers. */
function withInt64Counter(tensors: ReadonlyMap<string, NamedTensor>, counter: string): ArrayBuffer {
  const header: Record<string, unknown> = {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    chunks.push(new Uint8Array(tensor.data.buffer.slice(0)));
    offset += tensor.data.byteLength;
  }
  header[counter] = { dtype: 'I64', shape: [3], data_offsets: [offset, offset + 24] };
  chunks.push(new Uint8Array(new BigInt64Array([1n, 2n, 3n]).buffer));
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + offset + 24);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  let at = 8 + json.length;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes.buffer;
}

describe('weights files', () => {
  for (const naming of ['foldtree2', 'studio'] as const) {
    test(`${naming} names: export → import gives every parameter exactly`, () => {
      withModels((from, into) => {
        const weights = valuesOf(from);
        const bytes =
          naming === 'foldtree2'
            ? encodeSafetensors(toFoldtree2Weights(weights), { format: FOLDTREE2_WEIGHTS_FORMAT })
            : encodeSafetensors(weights, { format: 'foldtree-studio' });
        const contents = readWeightsFile(bytes, 'w.safetensors');
        expect(contents.names).toBe(naming);
        expect(valuesOf(into).get('quantizer.codebook')?.data).not.toEqual(weights.get('quantizer.codebook')?.data);
        expect(applyWeights(into, contents, 'w.safetensors')).toEqual([]);
        const back = valuesOf(into);
        for (const [name, tensor] of weights) {
          expect(back.get(name)?.shape, name).toEqual(tensor.shape);
          expect(
            Buffer.from(back.get(name)?.data.buffer ?? new ArrayBuffer(0)).equals(Buffer.from(tensor.data.buffer)),
            name,
          ).toBe(true);
        }
      });
    });
  }

  test('a FoldTree2 file is recognised by its names when it carries no format (a state_dict saved by PyTorch)', () => {
    withModels((from) => {
      const bytes = encodeSafetensors(toFoldtree2Weights(valuesOf(from)));
      expect(readWeightsFile(bytes, 'sd.safetensors').names).toBe('foldtree2');
    });
  });

  test('integer buffers of a PyTorch state_dict are reported, not read, and the weights still load exactly', () => {
    withModels((from, into) => {
      const weights = valuesOf(from);
      const bytes = withInt64Counter(toFoldtree2Weights(weights), 'encoder.vector_quantizer.embedding_usage_count');
      const contents = readWeightsFile(bytes, 'sd.safetensors');
      expect(contents.ignored).toContain('encoder.vector_quantizer.embedding_usage_count (I64)');
      applyWeights(into, contents, 'sd.safetensors');
      expect(valuesOf(into)).toEqual(weights);
    });
  });

  test('a file of another preset is refused naming the parameter and both shapes; nothing is written', () => {
    const teaching = new ParameterSet(presetSpecs('teaching'), 3);
    try {
      withModels((_, into) => {
        const before = valuesOf(into);
        const bytes = encodeSafetensors(valuesOf(teaching), { format: 'foldtree-studio' });
        expect(() =>
          applyWeights(into, readWeightsFile(bytes, 'teaching.safetensors'), 'teaching.safetensors'),
        ).toThrow(
          // The first layer whose shape differs: the input MLP's first layer is 2h wide (teaching h 64, tiny h 16).
          "teaching.safetensors: encoder.input.mlp.0.weight has shape [1113, 128] in the file, the model's is [1113, 32] (another preset or input width?)",
        );
        expect(valuesOf(into)).toEqual(before);
      });
    } finally {
      teaching.dispose();
    }
  });

  test('a file lacking parameters is refused with the count and names; extra tensors are reported', () => {
    withModels((from, into) => {
      const weights = valuesOf(from);
      const partial = new Map([...weights].filter(([name]) => !name.startsWith('decoder.contacts.')));
      const lacking = weights.size - partial.size;
      expect(() =>
        applyWeights(into, readWeightsFile(encodeSafetensors(partial), 'p.safetensors'), 'p.safetensors'),
      ).toThrow(
        new RegExp(
          `^p\\.safetensors: the file lacks ${lacking} of the model's ${weights.size} parameters \\(decoder\\.contacts\\.`,
        ),
      );
      const extra = new Map([...weights, ['decoder.fft2.out.weight', { shape: [2], data: new Float32Array(2) }]]);
      expect(applyWeights(into, readWeightsFile(encodeSafetensors(extra), 'x.safetensors'), 'x.safetensors')).toEqual([
        'decoder.fft2.out.weight',
      ]);
    });
  });
});

describe('weights with NaN or Inf are refused, naming the tensor', () => {
  test('NaN in one tensor of a generated tiny-preset file', async () => {
    const { presetWeights, weightsFile } = await import('../../../scripts/fault-corpus/input-faults');
    const name = [...presetWeights('tiny').keys()][2] ?? '';
    expect(() => readWeightsFile(weightsFile('tiny', name), 'nan.safetensors')).toThrow(
      `nan.safetensors: tensor ${name} holds NaN at index 3 (weights must be finite numbers)`,
    );
  });

  test('another preset’s weights are refused against the config before any tensor exists', async () => {
    const { presetConfig, weightsFile } = await import('../../../scripts/fault-corpus/input-faults');
    const specs = modelSpecs(modelConfigFromRun(presetConfig('tiny')), RES_X_WIDTH);
    const contents = readWeightsFile(weightsFile('teaching'), 'teaching.safetensors');
    expect(() => assertWeightsFit(specs, contents, 'teaching.safetensors')).toThrow(
      /^teaching\.safetensors: \S+ has shape \[[\d, ]+\] in the file, the model's is \[[\d, ]+\] \(another preset or input width\?\)$/,
    );
    expect(() =>
      assertWeightsFit(specs, readWeightsFile(weightsFile('tiny'), 'tiny.safetensors'), 'tiny.safetensors'),
    ).not.toThrow();
  });
});
