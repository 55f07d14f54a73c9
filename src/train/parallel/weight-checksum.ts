/**
 * Cheap fingerprints of a replica's weights, so the coordinator can tell whether data-parallel replicas still
 * hold the same model without moving the weights. Each trainer reads its parameters to the CPU every
 * `training.checksumEvery` steps and sends back this plain, serialisable summary. Replicas stepped on the same
 * all-reduced gradients by the same kernels should agree bit for bit (`exact`); the float64 sums tell a harmless
 * last-bit disagreement (different backends) from real divergence and name the parameter that drifted most.
 */

import type { ParameterChecksum, WeightChecksum } from '../../protocol/weight-checksum';

export type { ParameterChecksum, WeightChecksum } from '../../protocol/weight-checksum';

export interface ChecksumComparison {
  /** Every parameter present in both with the same size, and within the relative tolerance. */
  readonly equal: boolean;
  /** Bit-identical weights. */
  readonly exact: boolean;
  /** Set whenever not exact: the parameter that differs most, with a sentence for the user. */
  readonly worst?: { readonly name: string; readonly relDiff: number; readonly description: string };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Folds the 4 bytes of `word` into `h`, least significant first: little-endian bytes whatever the platform's order. */
function fnvWord(h: number, word: number): number {
  h = Math.imul(h ^ (word & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((word >>> 8) & 0xff), FNV_PRIME);
  h = Math.imul(h ^ ((word >>> 16) & 0xff), FNV_PRIME);
  return Math.imul(h ^ (word >>> 24), FNV_PRIME);
}

/** A name as its length, then its UTF-16 code units (2 bytes each, low first): no two names feed the same bytes. */
function fnvName(h: number, name: string): number {
  h = fnvWord(h, name.length);
  for (let i = 0; i < name.length; i++) {
    const unit = name.charCodeAt(i);
    h = Math.imul(h ^ (unit & 0xff), FNV_PRIME);
    h = Math.imul(h ^ (unit >>> 8), FNV_PRIME);
  }
  return h;
}

const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

/** Summarises named float32 parameters (any order; names must be unique), in one pass over the data. */
export function weightChecksum(values: Iterable<readonly [name: string, data: Float32Array]>): WeightChecksum {
  const entries = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let total = FNV_OFFSET;
  const parameters: ParameterChecksum[] = [];
  for (const [name, data] of entries) {
    if (parameters.at(-1)?.name === name) throw new Error(`parameter ${name} is listed twice`);
    const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
    total = fnvWord(fnvName(total, name), data.length);
    let own = FNV_OFFSET;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < data.length; i++) {
      const x = data[i] as number;
      sum += x;
      sumSquares += x * x;
      const word = bits[i] as number;
      own = fnvWord(own, word);
      total = fnvWord(total, word);
    }
    parameters.push({ name, size: data.length, sum, sumSquares, hash: hex(own) });
  }
  return { parameters, hash: hex(total) };
}

/**
 * Relative difference of two summaries of one parameter: the larger of |ΔΣx| / ‖x‖₂ and |ΔΣx²| / Σx². Σx itself is
 * a poor scale (weights centred on 0 sum to almost nothing). Independent last-bit differences of n entries add up
 * like a random walk to about ulp·‖x‖₂, so against ‖x‖₂ they stay near float32 epsilon (~1e-7) whatever n, while
 * one entry drifting by δ shows as δ / ‖x‖₂.
 */
function relativeDifference(a: ParameterChecksum, b: ParameterChecksum): number {
  if (a.sum === b.sum && a.sumSquares === b.sumSquares) return 0;
  const squares = Math.max(a.sumSquares, b.sumSquares);
  const d = Math.max(Math.abs(a.sum - b.sum) / Math.sqrt(squares), Math.abs(a.sumSquares - b.sumSquares) / squares);
  return Number.isNaN(d) ? Infinity : d; // NaN or ±Inf weights on one side only, or all-zero against non-zero
}

const fmt = (x: number): string => x.toPrecision(6);

interface Difference {
  readonly name: string;
  readonly relDiff: number;
  readonly description: string;
}

/** Every parameter whose bits, size or presence differ between `a` and `b`. */
function differences(a: WeightChecksum, b: WeightChecksum): Difference[] {
  const second = new Map(b.parameters.map((p) => [p.name, p]));
  const found: Difference[] = [];
  for (const p of a.parameters) {
    const q = second.get(p.name);
    second.delete(p.name);
    if (q === undefined) {
      found.push({ name: p.name, relDiff: Infinity, description: `${p.name} is missing from the second replica` });
    } else if (q.size !== p.size) {
      found.push({
        name: p.name,
        relDiff: Infinity,
        description: `${p.name} has ${p.size} entries in one replica and ${q.size} in the other`,
      });
    } else if (q.hash !== p.hash || q.sum !== p.sum || q.sumSquares !== p.sumSquares) {
      const relDiff = relativeDifference(p, q);
      const size =
        relDiff === 0 ? 'in bits only, below what float64 sums resolve' : `${relDiff.toExponential(2)} relative`;
      const sums = `sum ${fmt(p.sum)} vs ${fmt(q.sum)}, sum of squares ${fmt(p.sumSquares)} vs ${fmt(q.sumSquares)}`;
      found.push({ name: p.name, relDiff, description: `${p.name} differs (${size}): ${sums}` });
    }
  }
  for (const name of second.keys())
    found.push({ name, relDiff: Infinity, description: `${name} is missing from the first replica` });
  return found;
}

/** Compares two replicas' summaries; `relTol` bounds the relative difference still counted as equal. */
export function compareChecksums(a: WeightChecksum, b: WeightChecksum, relTol = 1e-6): ChecksumComparison {
  const found = differences(a, b);
  // The first of equal maxima wins, so a bits-only difference names the first such parameter in name order.
  const worst = found.reduce<Difference | undefined>(
    (best, d) => (best === undefined || d.relDiff > best.relDiff ? d : best),
    undefined,
  );
  if (worst === undefined) return { equal: true, exact: a.hash === b.hash };
  return { equal: found.every((d) => d.relDiff <= relTol), exact: false, worst };
}
