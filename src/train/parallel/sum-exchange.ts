/**
 * The two sides of summing one Float32Array across data-parallel ranks. Trainers hold a `SumClient`; the
 * coordinator worker holds the `SumCoordinator` and does the summing. Both transports (`shared-sum.ts` over a
 * SharedArrayBuffer, `message-sum.ts` over ports) implement these and sum with `sumInRankOrder`, so they give
 * bit-identical results.
 */

/** Trainer side. */
export interface SumClient {
  /**
   * Hands in this rank's vector (any length ≤ capacity; every rank of a round passes the same length); resolves
   * with the element-wise sum over all ranks, summed in rank order 0..N−1 in float32 so every rank gets a
   * bit-identical result. Rejects with `SumAborted` (carrying the coordinator's reason) if the round is aborted.
   * `values` stays the caller's and is not modified; one call at a time per client.
   */
  sum(values: Float32Array): Promise<Float32Array>;
}

/** What one reduced round cost, in milliseconds measured by the coordinator. */
export interface RoundStats {
  /** 1-based round number. */
  readonly round: number;
  /** Elements per vector in this round. */
  readonly length: number;
  /** From the `reduceRound` call until the last rank's vector was seen. */
  readonly waitMs: number;
  /** Summing and publishing. */
  readonly reduceMs: number;
  /** Per rank: when its vector was seen, relative to the `reduceRound` call (0 if it was already there). */
  readonly arrivalMs: number[];
}

/**
 * What the coordinator publishes instead of the plain sum, given the sum (same length out as in). The `dp`
 * strategy uses it to hand every rank the master's new weights.
 */
export type PublishTransform = (sum: Float32Array) => Float32Array | Promise<Float32Array>;

/** Coordinator side. */
export interface SumCoordinator {
  /**
   * Waits for every rank's vector of the next round (rejects with `SumTimeout` naming the missing ranks after
   * `timeoutMs`; the round stays open, so the caller may wait again or `abort`), sums them, publishes the result;
   * resolves with the round's stats. Rejects with `SumAborted` once aborted, including when ranks disagree on
   * the length. One call at a time.
   */
  reduceRound(timeoutMs: number, publish?: PublishTransform): Promise<RoundStats>;
  /** Releases every waiting rank with `SumAborted(reason)`; later `sum()` calls reject at once. The first reason wins. */
  abort(reason: string): void;
}

/** The coordinator aborted the exchange; `reason` is its words. */
export class SumAborted extends Error {
  override readonly name = 'SumAborted';
  constructor(readonly reason: string) {
    super(`gradient exchange aborted: ${reason}`);
  }
}

/** Not every rank handed in its vector within the coordinator's timeout. */
export class SumTimeout extends Error {
  override readonly name = 'SumTimeout';
  constructor(
    /** Ranks that had not handed in, ascending. */
    readonly missingRanks: readonly number[],
    readonly timeoutMs: number,
  ) {
    super(describeMissing(missingRanks, timeoutMs));
  }
}

/** e.g. "rank 1 did not hand in its gradients within 30 s", "ranks 0, 2 did not hand in their gradients within 0.5 s". */
function describeMissing(ranks: readonly number[], timeoutMs: number): string {
  const who =
    ranks.length === 1 ? `rank ${ranks[0]} did not hand in its` : `ranks ${ranks.join(', ')} did not hand in their`;
  return `${who} gradients within ${timeoutMs / 1000} s`;
}

/**
 * `into[i] = ((parts[0][i] + parts[1][i]) + parts[2][i]) + …` for i < `length`, rounding to float32 after every
 * addition (each store into a Float32Array rounds, and a double sum of two float32 rounds to the same float32 as
 * a float32 addition), so the result does not depend on the transport or on arrival order.
 */
export function sumInRankOrder(parts: readonly Float32Array[], length: number, into: Float32Array): void {
  const first = parts[0];
  if (!first) throw new RangeError('sumInRankOrder needs at least one part');
  into.set(first.subarray(0, length));
  for (let r = 1; r < parts.length; r++) {
    const part = parts[r] as Float32Array;
    for (let i = 0; i < length; i++) into[i] = (into[i] as number) + (part[i] as number);
  }
}
