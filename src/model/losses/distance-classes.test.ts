import { describe, expect, test } from 'vitest';
import { distanceClass, distanceClasses } from './distance-classes';
import { DEFAULT_DISTANCE_BIN_EDGES } from './loss-config';
import { buildBatch } from './loss-fixtures.node';

describe('distance classes', () => {
  test('default edges are 7 boundaries evenly spaced from 5 to 50 Å', () => {
    expect(DEFAULT_DISTANCE_BIN_EDGES).toEqual([5, 12.5, 20, 27.5, 35, 42.5, 50]);
  });

  test('class = number of boundaries ≤ d, checked at and around every boundary', () => {
    const cases: [number, number][] = [
      [0, 0],
      [4.999, 0],
      [5, 1],
      [5.001, 1],
      [12.499, 1],
      [12.5, 2],
      [19.99, 2],
      [20, 3],
      [27.5, 4],
      [34.9, 4],
      [35, 5],
      [42.5, 6],
      [49.999, 6],
      [50, 7],
      [1000, 7],
    ];
    for (const [d, cls] of cases) expect(distanceClass(d, DEFAULT_DISTANCE_BIN_EDGES)).toBe(cls);
    expect(distanceClass(3, [2, 4])).toBe(1);
  });

  test('pairs of a batch from CA coordinates: symmetric, 0 on the diagonal and in padding', () => {
    // Residues on the x axis at 0, 5, 12.5, 60 Å; a second protein of 2 residues pads row/column 2–3.
    const x = (v: number): [number, number, number] => [v, 0, 0];
    const batch = buildBatch([
      { length: 4, plddtIsConfidence: 1, plddt: [1, 1, 1, 1], coords: [x(0), x(5), x(12.5), x(60)], contactCutoff: 8 },
      { length: 2, plddtIsConfidence: 0, plddt: [1, 1], coords: [x(0), [3, 4, 12]], contactCutoff: 8 },
    ]);
    const c = Array.from(distanceClasses(batch, DEFAULT_DISTANCE_BIN_EDGES));
    const L = 4;
    const at = (b: number, i: number, j: number): number | undefined => c[(b * L + i) * L + j];
    // 0–1: 5 Å → 1; 0–2: 12.5 → 2; 1–2: 7.5 → 1; 0–3: 60 → 7; 1–3: 55 → 7; 2–3: 47.5 → 6.
    expect([at(0, 0, 1), at(0, 0, 2), at(0, 1, 2), at(0, 0, 3), at(0, 1, 3), at(0, 2, 3)]).toEqual([1, 2, 1, 7, 7, 6]);
    expect([at(0, 1, 0), at(0, 2, 0), at(0, 3, 2)]).toEqual([1, 2, 6]);
    expect([0, 1, 2, 3].map((i) => at(0, i, i))).toEqual([0, 0, 0, 0]);
    // Protein 1: |(3, 4, 12)| = 13 Å → 2; everything touching rows 2–3 is padding → 0.
    expect([at(1, 0, 1), at(1, 1, 0)]).toEqual([2, 2]);
    expect(c.slice(16).every((v, k) => (Math.floor(k / L) < 2 && k % L < 2) || v === 0)).toBe(true);
  });

  test('custom edges and bad edges', () => {
    expect(distanceClass(3, [2, 4, 6])).toBe(1);
    const batch = buildBatch([
      {
        length: 2,
        plddtIsConfidence: 1,
        plddt: [1, 1],
        coords: [
          [0, 0, 0],
          [7, 0, 0],
        ],
        contactCutoff: 8,
      },
    ]);
    expect(Array.from(distanceClasses(batch, [2, 4, 6]))).toEqual([0, 3, 3, 0]);
    expect(() => distanceClasses(batch, [])).toThrow(/at least one/);
    expect(() => distanceClasses(batch, [5, 5])).toThrow(/ascending/);
  });
});
