/**
 * The pre-flight splits a micro-batch that cannot fit one pass into passes that do, refuses only a protein that
 * cannot fit alone (with the crop that would), and passes what fits; the estimate follows the measured peaks it
 * was fitted to (within 10 %).
 */
import { describe, expect, test } from 'vitest';
import { estimateStepMemory } from '../../model/memory/step-memory';
import { MODEL_PRESETS } from '../../model/presets';
import { memoryRefusal, passNote, proteinsPerPass, WASM_HEAP_BYTES, WASM_STEP_SHARE } from './memory-preflight';

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

describe('passes and refusals on WebAssembly', () => {
  const wasm = { backend: 'wasm' };
  const budget = WASM_HEAP_BYTES * WASM_STEP_SHARE;

  test('the default teaching step (20 × 256, measured 3.1 GB of heap) is one pass', () => {
    const size = { batch: 20, length: 256, cropped: true };
    expect(proteinsPerPass(TEACHING, size, TEACHING_PARAMETERS, wasm)).toBe(20);
    expect(passNote(TEACHING, size, TEACHING_PARAMETERS, wasm, 20)).toBeNull();
    expect(memoryRefusal(TEACHING, size, TEACHING_PARAMETERS, wasm)).toBeNull();
  });

  test('4 uncropped 1,500-residue proteins of 55 contacts per residue run as 4 passes of 1 (2 measured 4.04 GB of the 4.29 GB heap)', () => {
    const size = { batch: 4, length: 1500, cropped: false, contactsPerResidue: 54.6 };
    const perPass = proteinsPerPass(TEACHING, size, TEACHING_PARAMETERS, wasm);
    expect(perPass).toBe(1);
    expect(estimateStepMemory(TEACHING, 1, 1500, TEACHING_PARAMETERS, 54.6).peakBytes).toBeLessThanOrEqual(budget);
    expect(estimateStepMemory(TEACHING, 2, 1500, TEACHING_PARAMETERS, 54.6).peakBytes).toBeGreaterThan(budget);
    expect(memoryRefusal(TEACHING, size, TEACHING_PARAMETERS, wasm)).toBeNull();
    expect(passNote(TEACHING, size, TEACHING_PARAMETERS, wasm, perPass)).toMatch(
      /^memory: a micro-batch of training\.batchSize 4 × 1500 residues \(the longest protein, uncropped\) needs about \d+\.\d GB, more than the 3\.9 GB a pass may use on the WebAssembly backend \(a 4 GB heap\); each runs as 4 passes of at most 1 proteins, their gradients summed into the same optimizer step/,
    );
  });

  test('a protein too long to fit alone is refused, naming the crop that fits', () => {
    const size = { batch: 2, length: 2400, cropped: false, contactsPerResidue: 55 };
    expect(proteinsPerPass(TEACHING, size, TEACHING_PARAMETERS, wasm)).toBe(0);
    const line = memoryRefusal(TEACHING, size, TEACHING_PARAMETERS, wasm) ?? '';
    expect(line).toMatch(
      /^memory pre-flight: one protein of 2400 residues \(the longest protein, uncropped\) needs about \d+\.\d GB, more than the 3\.9 GB a pass may use on the WebAssembly backend \(a 4 GB heap\); set data\.maxResidues \d+\.$/,
    );
    const crop = Number(/data\.maxResidues (\d+)\.$/.exec(line)?.[1]);
    expect(estimateStepMemory(TEACHING, 1, crop, TEACHING_PARAMETERS, 55).peakBytes).toBeLessThanOrEqual(budget);
    expect(estimateStepMemory(TEACHING, 1, crop + 1, TEACHING_PARAMETERS, 55).peakBytes).toBeGreaterThan(budget);
  });
});

describe('other backends', () => {
  test('WebGPU checks the largest tensor against the buffer limit; the CPU backend has no fixed limit', () => {
    const gpu = { backend: 'webgpu', maxBufferBytes: 2 ** 30 };
    const size = { batch: 20, length: 2048, cropped: true };
    const perPass = proteinsPerPass(TEACHING, size, TEACHING_PARAMETERS, gpu);
    expect(perPass).toBeGreaterThan(0);
    expect(perPass).toBeLessThan(20);
    expect(passNote(TEACHING, size, TEACHING_PARAMETERS, gpu, perPass)).toMatch(
      /needs a \d+\.\d GB tensor, more than this GPU's 1\.1 GB buffer limit; each runs as \d+ passes/,
    );
    expect(memoryRefusal(TEACHING, { batch: 1, length: 20_000, cropped: true }, TEACHING_PARAMETERS, gpu)).toMatch(
      /^memory pre-flight: one protein of crops of data\.maxResidues 20000 needs a \d+\.\d GB tensor, more than this GPU's 1\.1 GB buffer limit; set data\.maxResidues \d+\.$/,
    );
    expect(proteinsPerPass(TEACHING, { batch: 2, length: 256, cropped: true }, TEACHING_PARAMETERS, gpu)).toBe(2);
    expect(proteinsPerPass(TEACHING, size, TEACHING_PARAMETERS, { backend: 'cpu' })).toBe(20);
  });
});
