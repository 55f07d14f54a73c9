/**
 * The global protein order of one epoch: a seeded Fisher–Yates shuffle. The coordinator computes it
 * once per epoch and deals shards from it (shard.ts), so every rank agrees on it without messages.
 */
import { assertIntegerInRange, assertNonNegativeInteger, assertSafeInteger } from '../../shared/assert';
import { RNG_STREAM } from '../../shared/rng-streams';
import { createRng } from '../../shared/seeded-rng';

/**
 * A uniformly random permutation of `0 … proteinCount−1` (Int32Array, length `proteinCount`).
 * Depends only on (`seed`, `epoch`): the same pair always gives the same order, a different epoch or
 * seed gives an unrelated one. Indices refer to the dataset's protein index (its stored order).
 */
export function epochOrder(proteinCount: number, seed: number, epoch: number): Int32Array {
  assertIntegerInRange(proteinCount, 0, 0x7fff_ffff, 'epochOrder proteinCount');
  assertSafeInteger(seed, 'epochOrder seed');
  assertNonNegativeInteger(epoch, 'epochOrder epoch');
  const order = new Int32Array(proteinCount);
  for (let i = 0; i < proteinCount; i++) order[i] = i;
  const rng = createRng(RNG_STREAM.epochOrder, seed, epoch);
  // Durstenfeld's in-place Fisher–Yates: position i takes a uniform pick from the not-yet-placed 0…i.
  for (let i = proteinCount - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const tmp = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = tmp;
  }
  return order;
}
