import { describe, expect, test } from 'vitest';
import { compareChecksums, weightChecksum, type WeightChecksum } from './weight-checksum';
import { runPython } from '../../shared/python-reference.node';
import { seededUniform } from '../../data/testing/seeded-uniform.node';

/** Deterministic values in [-1, 1), so failures reproduce. */
function randomArray(n: number, seed: number): Float32Array {
  const next = seededUniform(seed);
  return Float32Array.from({ length: n }, () => next() * 2 - 1);
}

const model = (): Map<string, Float32Array> =>
  new Map([
    ['encoder.body.0.weight', randomArray(1000, 1)],
    ['decoder.sequence.head.bias', randomArray(16, 2)],
    ['codebook', randomArray(64, 3)],
  ]);

/** The next float32 above `x` (one ulp), by its bit pattern. */
function nextUp(x: number): number {
  const f = new Float32Array([x]);
  const bits = new Uint32Array(f.buffer);
  bits[0] = (bits[0] as number) + (x >= 0 ? 1 : -1);
  return f[0] as number;
}

describe('compareChecksums', () => {
  test('identical weights (in any order, from different arrays) are exact', () => {
    const a = weightChecksum(model());
    const b = weightChecksum([...model()].reverse());
    expect(compareChecksums(a, b)).toStrictEqual({ equal: true, exact: true });
    expect(a.hash).toMatch(/^[0-9a-f]{8}$/);
    expect(a.parameters.map((p) => p.name)).toStrictEqual([
      'codebook',
      'decoder.sequence.head.bias',
      'encoder.body.0.weight',
    ]);
  });

  test('one ulp in one entry: not exact, equal within tolerance, and the parameter is named', () => {
    const changed = model();
    const w = changed.get('decoder.sequence.head.bias') as Float32Array;
    w[5] = nextUp(w[5] as number);
    const result = compareChecksums(weightChecksum(model()), weightChecksum(changed));
    expect(result.exact).toBe(false);
    expect(result.equal).toBe(true);
    expect(result.worst?.name).toBe('decoder.sequence.head.bias');
    expect(result.worst?.relDiff).toBeGreaterThan(0);
    expect(result.worst?.relDiff).toBeLessThan(1e-7);
  });

  test('last-bit noise of either sign on every entry of a large parameter stays within tolerance', () => {
    const a = randomArray(250_000, 4);
    const signs = randomArray(250_000, 5);
    const b = a.map((x, i) => ((signs[i] as number) < 0 ? -nextUp(-x) : nextUp(x)));
    const result = compareChecksums(weightChecksum([['big', a]]), weightChecksum([['big', b]]));
    expect(result).toMatchObject({ equal: true, exact: false, worst: { name: 'big' } });
  });

  test('a 1e-3 change in one parameter: not equal, and the message names it', () => {
    const changed = model();
    const w = changed.get('encoder.body.0.weight') as Float32Array;
    w[17] = (w[17] as number) + 1e-3;
    const result = compareChecksums(weightChecksum(model()), weightChecksum(changed));
    expect(result.equal).toBe(false);
    expect(result.exact).toBe(false);
    expect(result.worst?.name).toBe('encoder.body.0.weight');
    // By hand: ΔΣx = 1e-3 (to float32 rounding of the entry) over ‖x‖₂ ≈ √(1000/3) (uniform on [-1, 1)) ≈ 18.26.
    expect(result.worst?.relDiff).toBeGreaterThan(4e-5);
    expect(result.worst?.relDiff).toBeLessThan(7e-5);
    expect(result.worst?.description).toMatch(/^encoder\.body\.0\.weight differs \(\d\.\d\de-\d relative\): sum -?\d/);
  });

  test('a whole parameter scaled by s = 1 + 1e-3: relative difference (s² − 1) / s² = 1.997004e-3 from Σx²', () => {
    const changed = model();
    changed.set(
      'codebook',
      (changed.get('codebook') as Float32Array).map((x) => x * 1.001),
    );
    const result = compareChecksums(weightChecksum(model()), weightChecksum(changed));
    expect(result).toMatchObject({ equal: false, exact: false, worst: { name: 'codebook' } });
    expect(result.worst?.relDiff).toBeCloseTo(1 - 1 / 1.001 ** 2, 6); // float32 rounding of the scaled entries: ~1e-8
  });

  test('a change below float64 resolution of the sums is still caught by the bits', () => {
    const a = model();
    const b = model();
    (a.get('codebook') as Float32Array)[0] = 0;
    (b.get('codebook') as Float32Array)[0] = -0;
    const result = compareChecksums(weightChecksum(a), weightChecksum(b));
    expect(result).toMatchObject({ equal: true, exact: false, worst: { name: 'codebook', relDiff: 0 } });
    expect(result.worst?.description).toContain('in bits only');
  });

  test('missing, extra and resized parameters are not equal', () => {
    const full = weightChecksum(model());
    const fewer = model();
    fewer.delete('codebook');
    expect(compareChecksums(full, weightChecksum(fewer)).worst?.description).toBe(
      'codebook is missing from the second replica',
    );
    expect(compareChecksums(weightChecksum(fewer), full)).toMatchObject({
      equal: false,
      exact: false,
      worst: { name: 'codebook', relDiff: Infinity },
    });
    const resized = model().set('codebook', randomArray(65, 3));
    expect(compareChecksums(full, weightChecksum(resized)).worst?.description).toBe(
      'codebook has 64 entries in one replica and 65 in the other',
    );
  });

  test('NaN on one side is a difference of Infinity', () => {
    const b = model();
    (b.get('codebook') as Float32Array)[3] = Number.NaN;
    expect(compareChecksums(weightChecksum(model()), weightChecksum(b))).toMatchObject({
      equal: false,
      worst: { name: 'codebook', relDiff: Infinity },
    });
  });

  test('refuses a name listed twice', () => {
    expect(() =>
      weightChecksum([
        ['a', new Float32Array(1)],
        ['a', new Float32Array(2)],
      ]),
    ).toThrow('parameter a is listed twice');
  });
});

describe('weightChecksum against numpy (float64 sums) and an independent FNV-1a', () => {
  test('a random case: sums, sums of squares and both hashes', () => {
    // A subarray at an offset checks that views are read at their own offset.
    const backing = randomArray(5000, 7).map((x) => x * 40);
    const params = new Map<string, Float32Array>([
      ['w', backing.subarray(3, 4003)],
      ['b', randomArray(31, 8)],
      ['ünï', randomArray(7, 9).map((x) => x * 1e-5)],
    ]);
    const ours: WeightChecksum = weightChecksum(params);
    const script = `
import json, sys, numpy as np
def fnv(data, h=0x811c9dc5):
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & 0xffffffff
    return h
assert fnv(b"foobar") == 0xbf9cf968  # published FNV-1a 32 test vector
params = json.load(sys.stdin)
out, total = [], 0x811c9dc5
for name in sorted(params):
    arr = np.frombuffer(bytes.fromhex(params[name]), dtype="<f4")
    x = arr.astype(np.float64)
    out.append(dict(name=name, size=int(arr.size), sum=float(x.sum()), sumSquares=float((x * x).sum()), hash="%08x" % fnv(arr.tobytes())))
    head = len(name).to_bytes(4, "little") + name.encode("utf-16-le") + arr.size.to_bytes(4, "little")
    total = fnv(head + arr.tobytes(), total)
print(json.dumps(dict(parameters=out, hash="%08x" % total)))
`;
    const input = JSON.stringify(
      Object.fromEntries(
        [...params].map(([name, data]) => [
          name,
          Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex'),
        ]),
      ),
    );
    const reference = JSON.parse(runPython({ code: script }, { input })) as WeightChecksum;
    expect(ours.hash).toBe(reference.hash);
    expect(ours.parameters.map((p) => [p.name, p.size, p.hash])).toStrictEqual(
      reference.parameters.map((p) => [p.name, p.size, p.hash]),
    );
    ours.parameters.forEach((p, i) => {
      const ref = reference.parameters[i] as (typeof reference.parameters)[number];
      // numpy sums pairwise, we sum in order: both float64, so they agree far below float32 resolution.
      expect(Math.abs(p.sum - ref.sum), p.name).toBeLessThanOrEqual(1e-12 * Math.sqrt(p.size * ref.sumSquares));
      expect(Math.abs(p.sumSquares - ref.sumSquares) / ref.sumSquares, p.name).toBeLessThan(1e-13);
    });
  });
});
