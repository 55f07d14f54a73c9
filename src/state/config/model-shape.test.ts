import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../../config/run-config-values';
import { MODEL_PRESETS } from '../../model/presets';
import type { ModelPresetChoice, RunConfig } from '../../protocol/run-config';
import { modelBuildProblem } from '../../train/trainer/model-build-check';
import { modelShapeProblem, PRESET_DECODER_SHAPES } from './model-shape';

const presets = Object.keys(PRESET_DECODER_SHAPES) as ModelPresetChoice[];

describe('the page’s model check agrees with the trainers’', () => {
  test('the presets’ decoder widths and heads are the real ones', () => {
    for (const preset of presets) {
      const { sequence, geometry } = MODEL_PRESETS[preset].decoders;
      expect({ hidden: sequence.hidden, heads: sequence.heads }).toEqual(PRESET_DECODER_SHAPES[preset]);
      expect({ hidden: geometry.hidden, heads: geometry.heads }).toEqual(PRESET_DECODER_SHAPES[preset]);
    }
  });

  test('every preset × hidden size × heads × geometry switch gets the same verdict and message', () => {
    const base = defaultRunConfig();
    for (const preset of presets) {
      for (const hiddenSize of [null, 30, 32, 40]) {
        for (const decoderHeads of [null, 3, 5]) {
          for (const useGeometryTransformer of [true, false]) {
            const config: RunConfig = {
              ...base,
              model: { ...base.model, preset, hiddenSize, decoderHeads },
              decoders: { ...base.decoders, useGeometryTransformer },
            };
            expect(modelShapeProblem(config), JSON.stringify(config.model)).toBe(modelBuildProblem(config));
          }
        }
      }
    }
  });
});
