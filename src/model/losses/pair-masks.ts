/**
 * The pairs the edge and distance-class losses look at: every contact (positive) and, per protein, as many
 * uniformly sampled non-contacts (negative). Pure TypeScript over the PaddedBatch's dense contact mask.
 */
import type { PaddedBatch } from '../../protocol/padded-batch';
import { assertSafeInteger } from '../../shared/assert';
import { RNG_STREAM } from '../../shared/rng-streams';
import { hashString } from '../../shared/seed-hash';
import { createRng, type SeededRng } from '../../shared/seeded-rng';

/**
 * Keys the negative-pair streams: one per protein, `(RNG_STREAM.negativePairs, seed, step, hash(id), cropStart)`.
 * Keyed by protein, not by batch position or worker rank, so a protein draws the same negatives however an
 * effective batch is split into micro-batches or across data-parallel workers: accumulation and data parallelism
 * then give exactly the update of one big batch.
 */
export interface PairSamplingKey {
  /** The run's seed. */
  readonly seed: number;
  /** The optimizer step (a protein seen again in a later step draws new negatives). */
  readonly step: number;
  /** The trainer's rank; not part of the key (see above), kept for callers that pass a full sampling key. */
  readonly rank: number;
}

export interface PairMasks {
  /** Float32Array B×L×L [b, i, j]: 1 where i → j is a contact and i ≠ j. */
  readonly positive: Float32Array;
  /** Float32Array B×L×L [b, i, j]: 1 on the sampled non-contact pairs (i ≠ j, both real, same protein). */
  readonly negative: Float32Array;
  /** Int32Array B: ones in each protein's positive slice. */
  readonly positiveCounts: Int32Array;
  /** Int32Array B: ones in each protein's negative slice = min(positives, available non-contacts). */
  readonly negativeCounts: Int32Array;
}

/**
 * Positive and negative pair masks (before any pLDDT masking). Negatives are drawn per protein, without
 * replacement, uniformly among its ordered pairs (i, j), i ≠ j, both real, with no contact i → j, each protein
 * from its own stream (see PairSamplingKey).
 * Cost O(B·L²) time (the masks themselves are that size) plus an L² Int32 scratch buffer.
 */
export function pairMasks(batch: PaddedBatch, key: PairSamplingKey): PairMasks {
  assertSafeInteger(key.seed, 'pairMasks seed');
  assertSafeInteger(key.step, 'pairMasks step');
  assertSafeInteger(key.rank, 'pairMasks rank');
  const { batchSize: B, paddedLength: L } = batch;
  const positive = new Float32Array(B * L * L);
  const negative = new Float32Array(B * L * L);
  const positiveCounts = new Int32Array(B);
  const negativeCounts = new Int32Array(B);
  const candidates = new Int32Array(L * L);
  for (let b = 0; b < B; b++) {
    const rng = createRng(
      RNG_STREAM.negativePairs,
      key.seed,
      key.step,
      hashString(batch.ids[b] ?? ''),
      batch.cropStarts[b] ?? 0,
    );
    const n = batch.lengths[b] ?? 0;
    const base = b * L * L;
    let available = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const cell = base + i * L + j;
        if (batch.contactMask[cell] === 1) {
          positive[cell] = 1;
          positiveCounts[b] = (positiveCounts[b] ?? 0) + 1;
        } else candidates[available++] = cell;
      }
    }
    const wanted = Math.min(positiveCounts[b] ?? 0, available);
    for (const cell of sampleWithoutReplacement(candidates, available, wanted, rng)) negative[cell] = 1;
    negativeCounts[b] = wanted;
  }
  return { positive, negative, positiveCounts, negativeCounts };
}

/**
 * The first `count` entries of a partial Fisher–Yates shuffle of `pool[0, size)` (shuffled in place):
 * a uniform `count`-subset, drawn with unbiased `nextInt`.
 */
function sampleWithoutReplacement(pool: Int32Array, size: number, count: number, rng: SeededRng): Int32Array {
  for (let k = 0; k < count; k++) {
    const pick = k + rng.nextInt(size - k);
    const chosen = pool[pick] ?? 0;
    pool[pick] = pool[k] ?? 0;
    pool[k] = chosen;
  }
  return pool.subarray(0, count);
}
