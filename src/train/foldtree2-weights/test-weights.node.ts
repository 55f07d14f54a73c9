/** Test helper: seeded random studio weights for a preset's parameter specs. Node only. */
import type { ModelPresetName } from '../../model/presets';
import { presetSpecs } from '../optimizers/model-specs.node';
import type { NamedTensor } from '../../formats/safetensors';
import { seededUniform } from '../../data/testing/seeded-uniform.node';

/** Every parameter of `preset` filled with U(−2, 2) values, studio names and tfjs layout. */
export function randomPresetWeights(preset: ModelPresetName, seed: number): Map<string, NamedTensor> {
  const next = seededUniform(seed);
  return new Map(
    presetSpecs(preset).map((spec) => {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      return [spec.name, { shape: [...spec.shape], data: Float32Array.from({ length: size }, () => 4 * next() - 2) }];
    }),
  );
}
