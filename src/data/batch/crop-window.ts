/**
 * Seeded crop windows for proteins longer than the batch's maximum length. Dense masked attention
 * costs B·L² memory, so long chains are cut to a contiguous window; a fresh window each epoch lets
 * training see every part of a long chain over time.
 */
import { assertNonNegativeInteger, assertSafeInteger } from '../../shared/assert';
import { RNG_STREAM } from '../../shared/rng-streams';
import { hashString } from '../../shared/seed-hash';
import { createRng } from '../../shared/seeded-rng';

/** Residues `[start, end)` of the original chain (0-based, end exclusive). */
export interface CropWindow {
  readonly start: number;
  readonly end: number;
}

/** Checks a crop limit: a positive integer, or `Infinity` for "never crop". */
export function assertMaxLength(maxLength: number, what: string): void {
  if (maxLength !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxLength) && maxLength >= 1)) {
    throw new RangeError(`${what} must be a positive integer or Infinity, got ${String(maxLength)}`);
  }
}

/**
 * The window kept of a protein of `length` residues: the whole chain when `length ≤ maxLength`,
 * otherwise `[start, start + maxLength)` with `start` uniform over the `length − maxLength + 1` valid
 * starts. Deterministic in (`seed`, `epoch`, `proteinId`): keyed by the id rather than the dataset
 * index, so the same protein gets the same window whatever file order or shard it arrives in.
 */
export function cropWindow(
  length: number,
  maxLength: number,
  seed: number,
  epoch: number,
  proteinId: string,
): CropWindow {
  assertNonNegativeInteger(length, `cropWindow length of ${proteinId}`);
  assertMaxLength(maxLength, 'cropWindow maxLength');
  assertSafeInteger(seed, 'cropWindow seed');
  assertNonNegativeInteger(epoch, 'cropWindow epoch');
  if (length <= maxLength) return { start: 0, end: length };
  const rng = createRng(RNG_STREAM.cropWindow, seed, epoch, hashString(proteinId));
  const start = rng.nextInt(length - maxLength + 1);
  return { start, end: start + maxLength };
}
