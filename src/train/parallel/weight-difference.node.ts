/** Test helper: how far two sets of weights (name → data) are apart, per parameter. */
import type { ParameterSet } from '../../model/params/parameter-set';

export type Weights = Record<string, { data: Float32Array }>;

/** A copy of every parameter's current values. */
export async function weightsOf(params: ParameterSet): Promise<Weights> {
  const out: Weights = {};
  for (const name of params.names()) out[name] = { data: Float32Array.from(await params.get(name).data()) };
  return out;
}

/** Largest ‖a − b‖₂ / ‖a‖₂ over the parameters (each parameter's relative difference as a whole), and where. */
export function worstRelativeNorm(a: Weights, b: Weights): { relative: number; at: string } {
  let worst = { relative: 0, at: '' };
  for (const [name, { data }] of Object.entries(a)) {
    const other = b[name]?.data;
    if (!other) return { relative: Infinity, at: name };
    let difference = 0;
    let norm = 0;
    data.forEach((v, k) => {
      difference += (v - (other[k] ?? NaN)) ** 2;
      norm += v * v;
    });
    const relative = Math.sqrt(difference / Math.max(norm, 1e-30));
    if (!(relative <= worst.relative)) worst = { relative, at: name };
  }
  return worst;
}

/** Largest |a − b| / max|a| over every entry of every parameter, and where. */
export function worstDifference(a: Weights, b: Weights): { relative: number; at: string } {
  let worst = { relative: 0, at: '' };
  for (const [name, { data }] of Object.entries(a)) {
    const other = b[name]?.data;
    if (!other) return { relative: Infinity, at: name };
    const scale = Math.max(1e-6, ...data.map(Math.abs));
    data.forEach((v, k) => {
      const d = Math.abs(v - (other[k] ?? NaN)) / scale;
      if (!(d <= worst.relative)) worst = { relative: d, at: name };
    });
  }
  return worst;
}
