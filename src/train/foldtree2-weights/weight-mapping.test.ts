import { describe, expect, test } from 'vitest';
import { EDGE_DISTANCE_SCALE_ANGSTROM } from '../../model/model-inputs';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';
import { presetSpecs } from '../optimizers/model-specs.node';
import type { NamedTensor } from '../../formats/safetensors';
import {
  EDGE_ATTR_RATIO,
  foldtree2MappingRows,
  fromFoldtree2Weights,
  STUDIO_KEY_PREFIX,
  toFoldtree2Weights,
} from './index';
import { foldtree2EmaTensors, type EmaBuffers } from './ema-buffers';
import { randomPresetWeights } from './test-weights.node';

const PRESETS = Object.keys(MODEL_PRESETS) as ModelPresetName[];

/** Index of the first element whose float32 bits differ (or the shorter length when sizes differ), −1 if none. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  const [x, y] = [new Uint32Array(Float32Array.from(a).buffer), new Uint32Array(Float32Array.from(b).buffer)];
  if (x.length !== y.length) return Math.min(x.length, y.length);
  return x.findIndex((word, k) => word !== y[k]);
}

describe.each(PRESETS)('preset %s', (preset) => {
  test('studio → FoldTree2 → studio gives every parameter back bit for bit, nothing ignored', () => {
    const weights = randomPresetWeights(preset, 7);
    const { weights: back, ignored } = fromFoldtree2Weights(toFoldtree2Weights(weights), 'round trip');
    expect(ignored).toEqual([]);
    expect([...back.keys()].sort()).toEqual([...weights.keys()].sort());
    for (const [name, tensor] of weights) {
      const again = back.get(name);
      expect(again?.shape, name).toEqual(tensor.shape);
      expect(firstBitDifference(again?.data ?? new Float32Array(), tensor.data), name).toBe(-1);
    }
  });

  test('every parameter matches one rule, and no two share a FoldTree2 key', () => {
    const rows = foldtree2MappingRows(presetSpecs(preset));
    const keys = rows.flatMap((row) => (row.foldtree2 === null ? [] : [row.foldtree2]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.length).toBe(presetSpecs(preset).length);
  });
});

test('layouts on hand-made tensors: linear [in, out] → [out, in], conv [k, in, out] → [out, in, k], scalar [1] → []', () => {
  const exported = toFoldtree2Weights(
    new Map<string, NamedTensor>([
      ['encoder.head.mlp.1.weight', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
      // studio[t][c][o] = 100t + 10c + o, k = 3, in = 2, out = 2
      [
        'decoder.contacts.body.convs.0.weight',
        { shape: [3, 2, 2], data: Float32Array.from([0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211]) },
      ],
      ['decoder.contacts.head.temperature', { shape: [1], data: Float32Array.from([1.5]) }],
    ]),
  );
  expect(exported.get('encoder.head.lin.2.weight')).toEqual({
    shape: [3, 2],
    data: Float32Array.from([1, 4, 2, 5, 3, 6]),
  });
  // torch[o][c][t] = studio[t][c][o]
  expect(exported.get('decoder.decoders.geometry_cnn.body.convs.0.weight')).toEqual({
    shape: [2, 2, 3],
    data: Float32Array.from([0, 100, 200, 10, 110, 210, 1, 101, 201, 11, 111, 211]),
  });
  expect(exported.get('decoder.decoders.geometry_cnn.contact_temp')).toEqual({
    shape: [],
    data: Float32Array.from([1.5]),
  });
});

test('the edge weight is divided by 2·EDGE_DISTANCE_SCALE_ANGSTROM: FoldTree2 feeds 2·d Å where we feed d / 10 Å', () => {
  expect(EDGE_ATTR_RATIO).toBe(2 * EDGE_DISTANCE_SCALE_ANGSTROM);
  const exported = toFoldtree2Weights(
    new Map([['encoder.body.layer1.attention.edge.weight', { shape: [1, 3], data: Float32Array.from([20, -2, 0.5]) }]]),
  );
  expect(exported.get('encoder.body.convs.1.res_contactPoints_res.lin_edge.weight')).toEqual({
    shape: [3, 1],
    data: Float32Array.from([1, -0.1, 0.025]),
  });
  expect(exported.get(`${STUDIO_KEY_PREFIX}encoder.body.layer1.attention.edge.weight`)?.data).toEqual(
    Float32Array.from([20, -2, 0.5]),
  );
});

test('a studio name without a rule throws naming it', () => {
  expect(() =>
    toFoldtree2Weights(new Map([['decoder.sequence.head.conv.9.scale', { shape: [2], data: new Float32Array(2) }]])),
  ).toThrow(/decoder\.sequence\.head\.conv\.9\.scale/);
  expect(() => foldtree2MappingRows([{ name: 'encoder.novel.weight', shape: [2, 2] }])).toThrow(
    /encoder\.novel\.weight/,
  );
});

/** Seeded EMA statistics of a K × D codebook, as a checkpoint holds them. */
function emaOf(codes: number, dim: number): EmaBuffers {
  return {
    clusterSize: { shape: [codes], data: Float32Array.from({ length: codes }, (_, k) => 1 + k / 7) },
    emaW: { shape: [codes, dim], data: Float32Array.from({ length: codes * dim }, (_, k) => Math.sin(k)) },
  };
}

describe('a file written by FoldTree2', () => {
  const weights = randomPresetWeights('foldtree2', 11);
  const { codes, embeddingDim } = MODEL_PRESETS.foldtree2.quantizer;
  const ema = emaOf(codes, embeddingDim);
  const exported = toFoldtree2Weights(weights, ema);
  // What FoldTree2Model.state_dict() holds after training on (floating-point tensors): ours, no `studio.` keys.
  const fromPytorch = new Map<string, NamedTensor>([...exported].filter(([key]) => !key.startsWith(STUDIO_KEY_PREFIX)));
  const emaKeys = [...foldtree2EmaTensors(ema).keys()];

  test('every parameter comes back; the EMA statistics (not studio parameters) land in `ignored`', () => {
    const { weights: read, ignored } = fromFoldtree2Weights(fromPytorch, 'lightning.safetensors');
    expect(ignored).toEqual([...emaKeys].sort());
    expect([...read.keys()].sort()).toEqual([...weights.keys()].sort());
  });

  test('the EMA statistics travel as ema_w [K, D], ema_cluster_size [K] and a uniform running_prior [K]', () => {
    expect(exported.get('encoder.vector_quantizer.ema_w')).toEqual({
      shape: [codes, embeddingDim],
      data: ema.emaW.data,
    });
    expect(exported.get('encoder.vector_quantizer.ema_cluster_size')).toEqual({
      shape: [codes],
      data: ema.clusterSize.data,
    });
    expect(exported.get('encoder.vector_quantizer.running_prior')?.data).toEqual(
      new Float32Array(codes).fill(1 / codes),
    );
  });

  test('without the exact copy, an edge weight comes back as FoldTree2 value × 20 (within one float32 rounding)', () => {
    const { weights: read } = fromFoldtree2Weights(fromPytorch, 'lightning.safetensors');
    const name = 'encoder.body.layer0.attention.edge.weight';
    const original = weights.get(name)?.data ?? new Float32Array();
    const back = read.get(name)?.data ?? new Float32Array(1);
    expect(back.length).toBe(original.length);
    const worst = original.reduce((max, x, k) => Math.max(max, Math.abs((back[k] ?? 0) - x) / Math.abs(x)), 0);
    expect(worst).toBeLessThanOrEqual(2 ** -23);
  });

  test('an edge weight FoldTree2 has changed wins over the stale exact copy, which is reported', () => {
    const key = 'encoder.body.convs.0.res_contactPoints_res.lin_edge.weight';
    const changed = new Map(exported);
    const before = exported.get(key);
    changed.set(key, { shape: before?.shape ?? [], data: (before?.data ?? new Float32Array()).map((x) => x + 0.25) });
    const { weights: read, ignored } = fromFoldtree2Weights(changed, 'tuned.safetensors');
    expect(ignored).toEqual([...emaKeys, `${STUDIO_KEY_PREFIX}encoder.body.layer0.attention.edge.weight`].sort());
    expect(read.get('encoder.body.layer0.attention.edge.weight')?.data[0]).toBe(
      Math.fround(((before?.data[0] ?? 0) + 0.25) * 20),
    );
  });

  test('an extra FoldTree2-only key is ignored; a key of the wrong shape throws naming the file, key and shapes', () => {
    const godnode = 'decoder.decoders.geometry_cnn.head.godnodedecoder.0.weight';
    const extra = new Map(fromPytorch).set(godnode, { shape: [100, 5], data: new Float32Array(500) });
    expect(fromFoldtree2Weights(extra, 'extra.safetensors').ignored).toEqual([...emaKeys, godnode].sort());

    const wrong = new Map(exported).set(
      'decoder.decoders.sequence_transformer.body.transformer_encoder.layers.1.self_attn.in_proj_weight',
      {
        shape: [601, 200],
        data: new Float32Array(601 * 200),
      },
    );
    expect(() => fromFoldtree2Weights(wrong, 'wrong.safetensors')).toThrow(
      /wrong\.safetensors: decoder\.decoders\.sequence_transformer\.body\.transformer_encoder\.layers\.1\.self_attn\.in_proj_weight has shape \[601, 200\].*\[3h, h\]/,
    );
    const angles = new Map(exported).set('decoder.decoders.geometry_transformer.head.angles_head.6.weight', {
      shape: [3, 200],
      data: new Float32Array(600),
    });
    expect(() => fromFoldtree2Weights(angles, 'old-head.safetensors')).toThrow(
      /angles_head\.6\.weight has shape \[3, 200\].*6 outputs/,
    );
    const badCopy = new Map(exported).set(`${STUDIO_KEY_PREFIX}encoder.body.layer0.attention.edge.weight`, {
      shape: [3200, 1],
      data: new Float32Array(3200),
    });
    expect(() => fromFoldtree2Weights(badCopy, 'copy.safetensors')).toThrow(
      /copy\.safetensors: studio\.encoder\.body\.layer0\.attention\.edge\.weight has shape \[3200, 1\]/,
    );
    const monodecoderEdges = new Map(exported).set('encoder.body.convs.1.res_contactPoints_res.lin_edge.weight', {
      shape: [3200, 12],
      data: new Float32Array(3200 * 12),
    });
    expect(() => fromFoldtree2Weights(monodecoderEdges, 'mk2.safetensors')).toThrow(
      /lin_edge\.weight has shape \[3200, 12\]/,
    );
  });
});
