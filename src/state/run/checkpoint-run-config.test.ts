import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../../config/run-config-values';
import { encodeCheckpoint } from '../../formats/checkpoint-codec';
import { checkpointRunConfig } from './checkpoint-run-config';

describe('checkpointRunConfig', () => {
  test('reads the config a checkpoint was saved with, and nothing from bytes that hold none', () => {
    const base = defaultRunConfig();
    const saved = {
      ...base,
      model: { ...base.model, preset: 'foldtree2-small' as const },
      training: { ...base.training, batchSize: 3 },
    };
    const bytes = encodeCheckpoint({ format: 'foldtree-studio-checkpoint', version: 1, config: saved, weights: [] });
    expect(checkpointRunConfig(bytes)).toEqual(saved);
    expect(checkpointRunConfig(encodeCheckpoint({ config: { model: 'x' } }))).toBeNull();
    expect(checkpointRunConfig(new Uint8Array([1, 2, 3]).buffer)).toBeNull();
  });
});
