/** The CLI's memory pre-flight on the bundled sample: a default run passes; an impossible batch is refused naming it. */
import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../../src/config/run-config-values';
import { withConfigValues } from '../../src/state/config/config-edit';
import type { GpuProbeReport } from '../../src/protocol/gpu-probe-messages';
import { memoryProblem, preflightTarget } from './memory-check';

const swiftshader: GpuProbeReport = {
  available: true,
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: '',
  isFallbackAdapter: false,
  features: [],
  shaderF16: false,
  limits: { maxStorageBufferBindingSize: 2 ** 30 },
};

describe('memory pre-flight of npm run train', () => {
  test('auto resolves to WebAssembly beside a software adapter, to WebGPU with its buffer limit beside a GPU', () => {
    expect(preflightTarget(defaultRunConfig(), swiftshader)).toEqual({ backend: 'wasm' });
    expect(preflightTarget(defaultRunConfig(), { ...swiftshader, vendor: 'nvidia', architecture: 'hopper' })).toEqual({
      backend: 'webgpu',
      maxBufferBytes: 2 ** 30,
    });
    expect(preflightTarget(withConfigValues(defaultRunConfig(), [['training.backend', 'cpu']]), swiftshader)).toEqual({
      backend: 'cpu',
    });
  });

  test('the default run fits; 64 uncropped sample proteins per step do not, and the line names batch, crop and estimate', async () => {
    expect(await memoryProblem(defaultRunConfig(), null, { backend: 'wasm' })).toBeNull();
    const huge = withConfigValues(defaultRunConfig(), [
      ['training.batchSize', 64],
      ['data.maxResidues', null],
    ]);
    expect(await memoryProblem(huge, null, { backend: 'wasm' })).toMatch(
      /^memory pre-flight: one step of training\.batchSize 64 × 722 residues \(the longest protein, uncropped: data\.maxResidues is null\) needs about [\d.]+ GB.*; set training\.batchSize \d+ or data\.maxResidues \d+\.$/,
    );
  });
});
