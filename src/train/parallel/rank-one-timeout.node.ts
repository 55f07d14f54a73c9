/**
 * Test check both gradient-exchange forms share: rank 1 of 3 never hands in round 1, the coordinator's 0.2 s round
 * times out naming it, and aborting for that reason releases ranks 0 and 2 with the reason. Node only.
 */
import { expect } from 'vitest';
import { SumTimeout } from './sum-exchange';
import type { SumWorkerReport } from './sum-worker.node';

export const RANK_ONE_TIMED_OUT = 'rank 1 timed out';

/** `timeout` is what `reduceRound(200)` rejected with, `waitedMs` how long that call took. */
export function expectRankOneTimeout(timeout: unknown, waitedMs: number): void {
  expect(waitedMs).toBeGreaterThanOrEqual(195);
  expect(timeout).toBeInstanceOf(SumTimeout);
  expect((timeout as SumTimeout).missingRanks).toEqual([1]);
  expect((timeout as SumTimeout).message).toBe('rank 1 did not hand in its gradients within 0.2 s');
}

/** Each waiting rank's thread ended with round 1 rejected by the abort for `RANK_ONE_TIMED_OUT`. */
export async function expectReleasedByAbort(workers: readonly Promise<SumWorkerReport[]>[]): Promise<void> {
  for (const rankReports of await Promise.all(workers)) {
    expect(rankReports).toEqual([
      {
        type: 'rejected',
        round: 1,
        name: 'SumAborted',
        message: `gradient exchange aborted: ${RANK_ONE_TIMED_OUT}`,
        reason: RANK_ONE_TIMED_OUT,
      },
    ]);
  }
}
