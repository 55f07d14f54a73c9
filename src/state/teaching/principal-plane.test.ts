import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../shared/seeded-rng';
import { principalPlane } from './principal-plane';

const REFERENCE = fileURLToPath(new URL('./principal-plane-reference.py', import.meta.url));

function numpyPlane(rows: number[][]): { x: number[]; y: number[]; explained: number[] } {
  return JSON.parse(execFileSync('/usr/bin/python3', [REFERENCE], { input: JSON.stringify({ rows }) }).toString()) as {
    x: number[];
    y: number[];
    explained: number[];
  };
}

/** Largest |a − b| relative to the largest |b|. */
function relativeGap(a: ArrayLike<number>, b: readonly number[]): number {
  const scale = Math.max(...b.map(Math.abs));
  return Math.max(...b.map((v, k) => Math.abs((a[k] ?? NaN) - v))) / scale;
}

describe('principalPlane', () => {
  test('an anisotropic cloud in 32 dimensions projects as NumPy’s SVD projects it', () => {
    const rng = createRng(11, 3);
    // Box–Muller from the seeded uniform stream.
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
    const dim = 32;
    // Three directions of decreasing spread plus small noise, offset from the origin like encoder outputs.
    const rows = Array.from({ length: 90 }, () => {
      const [a, b, c] = [normal() * 3, normal() * 1.5, normal() * 0.5];
      return Array.from(
        { length: dim },
        (_, d) => 0.2 + a * Math.cos(d) + b * Math.sin(d * 0.7) + c * (d % 3 === 0 ? 1 : 0) + 0.01 * normal(),
      );
    });
    const ours = principalPlane(rows.flat(), rows.length, dim);
    const numpy = numpyPlane(rows);
    expect(relativeGap(ours.x, numpy.x)).toBeLessThan(1e-9);
    expect(relativeGap(ours.y, numpy.y)).toBeLessThan(1e-6);
    expect(ours.explained[0]).toBeCloseTo(numpy.explained[0] ?? NaN, 9);
    expect(ours.explained[1]).toBeCloseTo(numpy.explained[1] ?? NaN, 7);
  });

  test('hand-worked: points on a line have all their variance on the first axis', () => {
    // (0,0), (1,1), (2,2): mean (1,1), first axis (1,1)/√2, coordinates −√2, 0, √2.
    const plane = principalPlane([0, 0, 1, 1, 2, 2], 3, 2);
    expect([...plane.x].map((v) => Number(v.toFixed(12)))).toEqual(
      [-Math.SQRT2, 0, Math.SQRT2].map((v) => Number(v.toFixed(12))),
    );
    expect(plane.explained[0]).toBeCloseTo(1, 12);
    expect(plane.explained[1]).toBeCloseTo(0, 12);
    expect([...plane.y].every((v) => Math.abs(v) < 1e-12)).toBe(true);
  });

  test('a cloud of one repeated point lands at the origin with nothing explained', () => {
    const plane = principalPlane([0.3, -0.1, 0.3, -0.1], 2, 2);
    expect([...plane.x, ...plane.y]).toEqual([0, 0, 0, 0]);
    expect(plane.explained).toEqual([0, 0]);
  });

  test('a length that is not rows × dim is refused', () => {
    expect(() => principalPlane([1, 2, 3], 2, 2)).toThrow(/3 values are not 2 rows of 2/);
  });
});
