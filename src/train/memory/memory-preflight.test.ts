/**
 * The pre-flight refuses what cannot fit, with the numbers that let a user fix it, and passes what fits; the
 * estimate follows the measured peaks it was fitted to (within 10 %).
 */
import { describe, expect, test } from 'vitest';
import { estimateStepMemory } from '../../model/memory/step-memory';
import { MODEL_PRESETS } from '../../model/presets';
import { memoryRefusal, WASM_HEAP_BYTES, WASM_STEP_SHARE } from './memory-preflight';

const TEACHING = MODEL_PRESETS.teaching;
const TEACHING_PARAMETERS = 579_465;

describe('estimateStepMemory', () => {
  test('follows peaks measured on the wasm backend (tfjs peak bytes, sample proteins)', () => {
    // Measured: teaching 8 × 128 → 578 MiB (36 contacts per residue), 1 × 722 → 688 MiB (55 per residue). The
    // estimate assumes 45 contacts per residue: high for the first, low for the second.
    for (const [batch, length, measuredMiB] of [
      [8, 128, 578],
      [1, 722, 688],
    ] as const) {
      const ratio =
        estimateStepMemory(TEACHING, batch, length, TEACHING_PARAMETERS).peakBytes / (measuredMiB * 2 ** 20);
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.3);
    }
  });

  test('grows faster than the length and linearly with the batch', () => {
    const at = (b: number, l: number) => estimateStepMemory(TEACHING, b, l, TEACHING_PARAMETERS).peakBytes;
    expect(at(2, 512) / at(1, 512)).toBeCloseTo(2 - (2.3 * 4 * TEACHING_PARAMETERS) / at(1, 512), 1);
    expect(at(1, 1024) / at(1, 512)).toBeGreaterThan(2);
  });
});

describe('memoryRefusal', () => {
  test('the default teaching step (20 × 256, measured 3.1 GB of heap) fits WebAssembly; 4 × 1,500 uncropped residues do not, and the line says what would', () => {
    expect(
      memoryRefusal(TEACHING, { batch: 20, length: 256, cropped: true }, TEACHING_PARAMETERS, { backend: 'wasm' }),
    ).toBeNull();
    const line =
      memoryRefusal(TEACHING, { batch: 4, length: 1500, cropped: false }, TEACHING_PARAMETERS, { backend: 'wasm' }) ??
      '';
    expect(line).toMatch(
      /^memory pre-flight: one step of training\.batchSize 4 × 1500 residues \(the longest protein, uncropped: data\.maxResidues is null\) needs about \d+\.\d GB, more than the 3\.9 GB a step may use on the WebAssembly backend \(a 4 GB heap\); set training\.batchSize 2 or data\.maxResidues \d+\.$/,
    );
    const crop = Number(/data\.maxResidues (\d+)\.$/.exec(line)?.[1]);
    expect(estimateStepMemory(TEACHING, 4, crop, TEACHING_PARAMETERS).peakBytes).toBeLessThanOrEqual(
      WASM_HEAP_BYTES * WASM_STEP_SHARE,
    );
    expect(estimateStepMemory(TEACHING, 4, crop + 1, TEACHING_PARAMETERS).peakBytes).toBeGreaterThan(
      WASM_HEAP_BYTES * WASM_STEP_SHARE,
    );
  });

  test('WebGPU checks the largest tensor against the buffer limit; the CPU backend has no fixed limit', () => {
    const size = { batch: 20, length: 2048, cropped: true };
    expect(memoryRefusal(TEACHING, size, TEACHING_PARAMETERS, { backend: 'webgpu', maxBufferBytes: 2 ** 30 })).toMatch(
      /needs a \d+\.\d GB tensor, more than this GPU's 1\.1 GB buffer limit/,
    );
    expect(
      memoryRefusal(TEACHING, { batch: 2, length: 256, cropped: true }, TEACHING_PARAMETERS, {
        backend: 'webgpu',
        maxBufferBytes: 2 ** 30,
      }),
    ).toBeNull();
    expect(memoryRefusal(TEACHING, size, TEACHING_PARAMETERS, { backend: 'cpu' })).toBeNull();
  });
});
