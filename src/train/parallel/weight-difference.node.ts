/** Test helper: how far two sets of weights (name → data) are apart, per parameter. */
import type { ParameterSet } from '../../model/params/parameter-set';

export type Weights = Record<string, { data: Float32Array }>;

/** A copy of every parameter's current values. */
export async function weightsOf(params: ParameterSet): Promise<Weights> {
  const out: Weights = {};
  for (const name of params.names()) out[name] = { data: Float32Array.from(await params.get(name).data()) };
  return out;
}

/**
 * The largest of `measure(a's values, b's values)` over the parameters of `a`, and where. A parameter missing from
 * `b` counts as Infinity and a NaN measure as the worst there is (a NaN never hides behind a smaller number).
 */
function worstOver(
  a: Weights,
  b: Weights,
  measure: (mine: Float32Array, theirs: Float32Array) => number,
): { relative: number; at: string } {
  let worst = { relative: 0, at: '' };
  for (const [name, { data }] of Object.entries(a)) {
    const other = b[name]?.data;
    const relative = other ? measure(data, other) : Infinity;
    if (Number.isNaN(relative)) return { relative, at: name };
    if (relative > worst.relative) worst = { relative, at: name };
  }
  return worst;
}

/** Largest ‖a − b‖₂ / ‖a‖₂ over the parameters (each parameter's relative difference as a whole), and where. */
export function worstRelativeNorm(a: Weights, b: Weights): { relative: number; at: string } {
  return worstOver(a, b, (mine, theirs) => {
    let difference = 0;
    let norm = 0;
    mine.forEach((v, k) => {
      difference += (v - (theirs[k] ?? NaN)) ** 2;
      norm += v * v;
    });
    return Math.sqrt(difference / Math.max(norm, 1e-30));
  });
}

/** Largest |a − b| / max|a| over every entry of every parameter, and where. */
export function worstDifference(a: Weights, b: Weights): { relative: number; at: string } {
  return worstOver(a, b, (mine, theirs) => {
    const scale = Math.max(1e-6, ...mine.map(Math.abs));
    let largest = 0;
    for (let k = 0; k < mine.length; k++) {
      const d = Math.abs((mine[k] ?? NaN) - (theirs[k] ?? NaN)) / scale;
      if (Number.isNaN(d)) return NaN;
      largest = Math.max(largest, d);
    }
    return largest;
  });
}
