import { describe, expect, test } from 'vitest';
import { MODEL_PRESETS } from '../../model/presets';
import { FOLDTREE2_INPUT_WIDTH } from '../optimizers/model-specs.node';
import { foldtree2BuildOf, foldtree2BuildProblems } from './buildable';
import { foldtree2StateDict } from './foldtree2-state-dict';
import { strictLoadReport } from './strict-load';
import { randomPresetWeights } from './test-weights.node';
import { toFoldtree2Weights } from './weight-mapping';

describe.each(['foldtree2', 'foldtree2-small'] as const)(
  'the %s preset against the state_dict learn_lightning.py builds',
  (preset) => {
    const model = MODEL_PRESETS[preset];
    const { codes: K, embeddingDim: D } = model.quantizer;
    const ema = {
      clusterSize: { shape: [K], data: new Float32Array(K).fill(2) },
      emaW: { shape: [K, D], data: new Float32Array(K * D).fill(0.5) },
    };

    test('FoldTree2 can build it', () => {
      expect(foldtree2BuildProblems(model)).toEqual([]);
    });

    test('a strict load: no shape mismatch, no unexpected key, every float tensor filled (only the int64 usage counter left)', () => {
      const exported = toFoldtree2Weights(randomPresetWeights(preset, 5), ema);
      const report = strictLoadReport(exported, foldtree2StateDict(foldtree2BuildOf(model, FOLDTREE2_INPUT_WIDTH)));
      console.info(
        `${preset}: ${(100 * report.filledFraction).toFixed(3)} % of FoldTree2's scalars filled; missing ${report.missing.map((m) => m.key).join(', ')}`,
      );
      expect(report.mismatched).toEqual([]);
      expect(report.unexpected).toEqual([]);
      expect(report.missing.map((m) => `${m.key} ${m.dtype}`)).toEqual([
        'encoder.vector_quantizer.embedding_usage_count I64',
      ]);
      expect(report.filledFraction).toBeGreaterThan(0.9999);
    });
  },
);

test('tiny and teaching cannot be built by FoldTree2, and the reasons say why', () => {
  expect(foldtree2BuildProblems(MODEL_PRESETS.tiny)).toEqual(
    expect.arrayContaining([
      "the width h = 16 does not divide by FoldTree2's 5 decoder heads",
      'the encoder has 2 attention heads; learn_lightning.py hard-codes nheads=10',
      'the sequence decoder has 2 attention heads; FoldTree2 hard-codes 5',
    ]),
  );
  expect(foldtree2BuildProblems(MODEL_PRESETS.teaching)).toContain(
    'the encoder reads the raw 256-column position code (FoldTree2 REF); learn_lightning.py builds learned 64-column positions',
  );
});
