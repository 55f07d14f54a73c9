import { describe, expect, test } from 'vitest';
import { importConfig } from '../../config/import-config';
import { defaultRunConfig } from '../../config/run-config-values';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/presets';
import { modelBuildProblem } from './model-build-check';

describe('a config the model cannot be built from is found before training', () => {
  test('every preset as it is builds', () => {
    for (const preset of Object.keys(MODEL_PRESETS) as ModelPresetName[]) {
      const base = defaultRunConfig();
      expect(modelBuildProblem({ ...base, model: { ...base.model, preset } }), preset).toBeNull();
    }
  });

  test('FoldTree2 config with hidden_size 32: refused naming the keys to change', () => {
    const { config } = importConfig('hidden_size: 32\nnum_embeddings: 40\nembedding_dim: 128\n', 'ft2.yaml');
    const problem = modelBuildProblem(config);
    expect(problem).toMatch(/width 32 is not divisible by its \d+ attention heads/);
    expect(problem).toContain('model.hiddenSize');
    expect(problem).toContain('model.decoderHeads');
  });
});
