import { describe, expect, test } from 'vitest';
import type { QuantizerConfig } from '../model-config';
import { resetDeadCodes } from './dead-code-reset';
import { applyEma, codebookFromEma, type EmaState, type EmaUpdate } from './ema-update';

const CONFIG: QuantizerConfig = {
  codes: 4,
  embeddingDim: 3,
  ema: true,
  decay: 0.99,
  epsilon: 1e-5,
  deadCodeReset: true,
  deadCodeThreshold: 0.01,
};

/** Codes 1 and 3 are dead (sizes 0.001 and 0 < 0.01); codes 0 and 2 are busy. */
function busyAndDead(): EmaUpdate {
  const clusterSize = Float32Array.from([10, 0.001, 4, 0]);
  const codebook = Float32Array.from([0.5, -0.2, 0.1, 3, 3, 3, -0.4, 0.3, 0.6, -5, 5, -5]);
  const emaW = codebook.map((v, i) => v * (clusterSize[Math.floor(i / 3)] ?? 0));
  const state: EmaState = { codes: 4, dim: 3, clusterSize, emaW };
  return { state, codebook };
}

describe('resetDeadCodes (split a busy code)', () => {
  test('re-draws each dead code as a noisy copy of a busy donor and halves the donor', () => {
    const before = busyAndDead();
    const { state, codebook, resets } = resetDeadCodes(before, CONFIG, 42, 7);
    expect(resets.map((r) => r.code)).toEqual([1, 3]);
    for (const { code, donor } of resets) {
      expect([0, 2]).toContain(donor);
      expect(state.clusterSize[code]).toBeGreaterThanOrEqual(state.clusterSize[donor] ?? NaN);
      const donorRow = Array.from(before.codebook.slice(donor * 3, donor * 3 + 3));
      const rms = Math.sqrt(donorRow.reduce((s, v) => s + v * v, 0) / 3);
      for (let d = 0; d < 3; d++) {
        const value = codebook[code * 3 + d] ?? NaN;
        expect(value).not.toBe(donorRow[d]);
        // 1 % of the RMS as σ: five σ is far beyond any draw we should see.
        expect(Math.abs(value - (donorRow[d] ?? NaN))).toBeLessThan(0.05 * rms);
      }
      // The donor's vector is untouched.
      expect(Array.from(codebook.slice(donor * 3, donor * 3 + 3))).toEqual(donorRow);
    }
    // Each donor's mass is shared with the codes split from it, in halves: donor + its copies = its old size.
    for (const donor of new Set(resets.map((r) => r.donor))) {
      const shares = resets
        .filter((r) => r.donor === donor)
        .reduce((sum, r) => sum + (state.clusterSize[r.code] ?? 0), 0);
      expect((state.clusterSize[donor] ?? 0) + shares).toBeCloseTo(before.state.clusterSize[donor] ?? NaN, 5);
    }
    // Total EMA mass is conserved, so the smoothed sizes of untouched codes do not move.
    const total = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
    expect(total(state.clusterSize)).toBeCloseTo(total(before.state.clusterSize) - 0.001, 5);
    // The EMA state reproduces the new codebook (up to the ε smoothing), so the next update starts from it.
    const fromEma = codebookFromEma(state, CONFIG.epsilon);
    fromEma.forEach((v, i) => expect(Math.abs(v - (codebook[i] ?? NaN))).toBeLessThan(1e-4 * Math.max(1, Math.abs(v))));
    // The input is not mutated.
    expect(Array.from(before.state.clusterSize)).toEqual(Array.from(Float32Array.from([10, 0.001, 4, 0])));
  });

  test('is a pure function of (state, seed, step): same inputs same draw, another step another draw', () => {
    const a = resetDeadCodes(busyAndDead(), CONFIG, 42, 7);
    const b = resetDeadCodes(busyAndDead(), CONFIG, 42, 7);
    const c = resetDeadCodes(busyAndDead(), CONFIG, 42, 8);
    expect(b).toEqual(a);
    expect(c.codebook).not.toEqual(a.codebook);
  });

  test('does nothing when switched off, when nothing is dead, or when no code can be split', () => {
    const input = busyAndDead();
    expect(resetDeadCodes(input, { ...CONFIG, deadCodeReset: false }, 1, 1)).toEqual({ ...input, resets: [] });
    const alive = applyEma(
      input.state,
      { counts: Float32Array.from([1, 1, 1, 1]), sums: new Float32Array(12) },
      { ...CONFIG, deadCodeThreshold: 0.001 },
    );
    expect(resetDeadCodes(alive, { ...CONFIG, deadCodeThreshold: 0.001 }, 1, 1).resets).toEqual([]);
    const tiny = { ...input, state: { ...input.state, clusterSize: Float32Array.from([0.015, 0, 0.012, 0]) } };
    expect(resetDeadCodes(tiny, CONFIG, 1, 1).resets).toEqual([]);
  });
});
