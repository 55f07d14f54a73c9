import { describe, expect, test } from 'vitest';
import { mixedBatch } from './loss-fixtures.node';
import { applyPairConfidence, confidenceMask } from './plddt-mask';

describe('confidenceMask', () => {
  const batch = mixedBatch(0);
  test('off: exactly the residue mask', () => {
    expect(Array.from(confidenceMask(batch, { maskPlddt: false, plddtThreshold: 0.3 }))).toEqual(
      Array.from(batch.residueMask),
    );
  });
  test('on: plddt > threshold in float32 (0.3 itself is masked); B-factor protein and padding as the residue mask', () => {
    const m = Array.from(confidenceMask(batch, { maskPlddt: true, plddtThreshold: 0.3 }));
    // Protein 0 plddt 0.9 0.2 0.8 0.3 0.95 0.1 0.7; protein 1 is B-factor (all < 0.3, kept); protein 2 has 3 residues.
    expect(m).toEqual([1, 0, 1, 0, 1, 0, 1, /**/ 1, 1, 1, 1, 0, 0, 0, /**/ 1, 1, 1, 0, 0, 0, 0]);
    const lower = Array.from(confidenceMask(batch, { maskPlddt: true, plddtThreshold: 0.15 }));
    expect(lower.slice(0, 7)).toEqual([1, 1, 1, 1, 1, 0, 1]);
  });
  test('masking needs the plddt column', () => {
    const { plddt: _dropped, ...rest } = batch.residueFeatures;
    expect(() => confidenceMask({ ...batch, residueFeatures: rest }, { maskPlddt: true, plddtThreshold: 0.3 })).toThrow(
      /plddt/,
    );
  });
  test('pair mask = product of the two residue masks', () => {
    const pairs = new Float32Array(2 * 2 * 2).fill(1);
    applyPairConfidence(pairs, Float32Array.from([1, 0, 1, 1]), 2, 2);
    expect(Array.from(pairs)).toEqual([1, 0, 0, 0, 1, 1, 1, 1]);
  });
});
