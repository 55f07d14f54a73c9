/**
 * The plane that shows most of a cloud of vectors: principal component analysis to two dimensions, for the
 * teaching view's codebook map (code vectors and encoder outputs drawn together). Pure and dependency-free:
 * the covariance is D × D (D ≤ a few hundred), its two leading eigenvectors come from power iteration with
 * deflation in float64.
 */

/** Where each input row lands on the plane, and how much of the cloud's variance each axis holds. */
export interface PlaneProjection {
  /** First principal coordinate of each row, in input order. */
  readonly x: Float64Array;
  /** Second principal coordinate of each row. */
  readonly y: Float64Array;
  /** Fraction of the total variance along each axis (0–1; 0 for a cloud without variance). */
  readonly explained: readonly [number, number];
}

const ITERATIONS = 500;
const TOLERANCE = 1e-12;

function covariance(rows: Float64Array, count: number, dim: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(dim * dim);
  const centred = new Float64Array(dim);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dim; d++) centred[d] = (rows[r * dim + d] ?? 0) - (mean[d] ?? 0);
    for (let i = 0; i < dim; i++) {
      const ci = centred[i] ?? 0;
      if (ci === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j] = (cov[i * dim + j] ?? 0) + ci * (centred[j] ?? 0);
    }
  }
  for (let i = 0; i < dim; i++) for (let j = i; j < dim; j++) cov[j * dim + i] = cov[i * dim + j] ?? 0;
  return cov.map((v) => v / Math.max(count - 1, 1));
}

function multiply(matrix: Float64Array, vector: Float64Array, dim: number): Float64Array {
  const out = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += (matrix[i * dim + j] ?? 0) * (vector[j] ?? 0);
    out[i] = sum;
  }
  return out;
}

function normalise(vector: Float64Array): number {
  const norm = Math.hypot(...vector);
  if (norm > 0) for (let k = 0; k < vector.length; k++) vector[k] = (vector[k] ?? 0) / norm;
  return norm;
}

/**
 * The leading eigenvector and eigenvalue of the symmetric positive semi-definite `matrix` [dim × dim]. The sign is
 * fixed so the entry of largest magnitude is positive, so the same cloud always draws the same way round. A norm at
 * or below `floor` ends the search with a zero vector (what is left is rounding).
 */
function leadingEigen(
  matrix: Float64Array,
  dim: number,
  floor: number,
  orthogonalTo?: Float64Array,
): { vector: Float64Array; value: number } {
  // Kept orthogonal to `orthogonalTo` (the first axis) so rounding left by deflation cannot lean the second onto it.
  const project = (v: Float64Array) => {
    if (!orthogonalTo) return;
    const dot = v.reduce((sum, x, k) => sum + x * (orthogonalTo[k] ?? 0), 0);
    for (let k = 0; k < dim; k++) v[k] = (v[k] ?? 0) - dot * (orthogonalTo[k] ?? 0);
  };
  // A start with weight on every axis, not orthogonal to any eigenvector in practice, and deterministic.
  let vector: Float64Array = Float64Array.from({ length: dim }, (_, k) => 1 + k / dim);
  project(vector);
  normalise(vector);
  let value = 0;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = multiply(matrix, vector, dim);
    project(next);
    const norm = normalise(next);
    // Below `floor` what is left is rounding: no further direction of variance.
    if (norm <= floor) return { vector: new Float64Array(dim), value: 0 };
    const change = next.reduce((sum, v, k) => sum + Math.abs(v - (vector[k] ?? 0)), 0);
    vector = next;
    value = norm;
    if (change < TOLERANCE) break;
  }
  let largest = 0;
  vector.forEach((v, k) => {
    if (Math.abs(v) > Math.abs(vector[largest] ?? 0)) largest = k;
  });
  if ((vector[largest] ?? 0) < 0) vector = vector.map((v) => -v);
  return { vector, value };
}

/**
 * Projects `count` rows of `dim` values (row-major in `rows`) onto their first two principal components, centred
 * on the rows' mean. A cloud with fewer than two directions of variance gets zeros on the missing axis.
 */
export function principalPlane(rows: ArrayLike<number>, count: number, dim: number): PlaneProjection {
  if (rows.length !== count * dim)
    throw new Error(`principalPlane: ${rows.length} values are not ${count} rows of ${dim}`);
  const data = Float64Array.from(rows);
  const mean = new Float64Array(dim);
  for (let r = 0; r < count; r++)
    for (let d = 0; d < dim; d++) mean[d] = (mean[d] ?? 0) + (data[r * dim + d] ?? 0) / count;
  const cov = covariance(data, count, dim, mean);
  let total = 0;
  for (let d = 0; d < dim; d++) total += cov[d * dim + d] ?? 0;
  const floor = total * 1e-12;
  const first = leadingEigen(cov, dim, floor);
  // Deflation: remove the first component, then the leading eigenvector of what is left is the second.
  const rest = cov.map(
    (v, k) => v - first.value * (first.vector[Math.floor(k / dim)] ?? 0) * (first.vector[k % dim] ?? 0),
  );
  const second = leadingEigen(rest, dim, floor, first.vector);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    let px = 0;
    let py = 0;
    for (let d = 0; d < dim; d++) {
      const centred = (data[r * dim + d] ?? 0) - (mean[d] ?? 0);
      px += centred * (first.vector[d] ?? 0);
      py += centred * (second.vector[d] ?? 0);
    }
    x[r] = px;
    y[r] = py;
  }
  const share = (value: number) => (total > 0 ? Math.max(0, value) / total : 0);
  return { x, y, explained: [share(first.value), share(second.value)] };
}
