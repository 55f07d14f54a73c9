/**
 * Trainer ⇄ coordinator contract for summing one Float32Array across data-parallel ranks, in its two forms:
 * messages over one port per rank (works without cross-origin isolation), and one SharedArrayBuffer with the
 * documented layout below (needs `crossOriginIsolated`). The protocols that use them live in `src/train/parallel/`.
 */
import { isRecord } from '../shared/assert-never';
import { assertIntegerInRange, assertPositiveInteger } from '../shared/assert';
import { isString } from './field-guards';
import { unionGuard } from './union-guard';

/** Trainer → coordinator: this rank's vector for `round` (1-based). `values.buffer` travels in the transfer list. */
export interface SumPartMessage {
  readonly type: 'sum-part';
  readonly rank: number;
  readonly round: number;
  readonly values: Float32Array<ArrayBuffer>;
}

/**
 * Coordinator → trainer: the element-wise sum of `round` (same length as the part, buffer transferred), or the
 * coordinator's reason for aborting; after `sum-aborted` no further rounds run.
 */
export type SumReplyMessage =
  | { readonly type: 'sum-result'; readonly round: number; readonly values: Float32Array<ArrayBuffer> }
  | { readonly type: 'sum-aborted'; readonly reason: string };

/** A Float32Array over a plain (transferable, not shared) ArrayBuffer. */
function isTransferableVector(value: unknown): value is Float32Array<ArrayBuffer> {
  return value instanceof Float32Array && value.buffer instanceof ArrayBuffer;
}

export function isSumPartMessage(value: unknown): value is SumPartMessage {
  return (
    isRecord(value) &&
    value['type'] === 'sum-part' &&
    Number.isInteger(value['rank']) &&
    Number.isInteger(value['round']) &&
    isTransferableVector(value['values'])
  );
}

export const isSumReplyMessage = unionGuard<SumReplyMessage>({
  'sum-result': (value) => Number.isInteger(value['round']) && isTransferableVector(value['values']),
  'sum-aborted': (value) => isString(value['reason']),
});

/**
 * Int32 word indices of the shared buffer's header (at byte 0). All header words are read and written with
 * `Atomics` only; the float regions with plain stores ordered by those atomics.
 */
export const SHARED_SUM_HEADER = {
  /** Number of rounds whose result is published (0 before the first); −1 once aborted, so waiters wake. */
  generation: 0,
  /** Running count of hand-ins over all rounds and ranks: the one word the coordinator waits on. */
  arrivals: 1,
  /** 1 once the coordinator aborted, else 0. Set before `generation` becomes −1. */
  aborted: 2,
  /** Byte length of the UTF-8 abort reason in the reason region. */
  reasonLength: 3,
  /** `worldSize` the buffer was created for (checked when a side attaches). */
  worldSize: 4,
  /** `capacity` (float32 elements per slot) the buffer was created for. */
  capacity: 5,
  /** Words 6–7 are reserved; per-rank words start here: arrival round at 8 + 2·rank, length at 9 + 2·rank. */
  ranks: 8,
} as const;

/** Bytes reserved for the abort reason (UTF-8, truncated to fit). */
export const SHARED_SUM_REASON_BYTES = 512;

/** Header word holding the last round `rank` handed in (0 before its first). */
export function arrivalIndex(rank: number): number {
  return SHARED_SUM_HEADER.ranks + 2 * rank;
}

/** Header word holding the element count `rank` handed in for its last round. */
export function lengthIndex(rank: number): number {
  return SHARED_SUM_HEADER.ranks + 2 * rank + 1;
}

/** Byte offsets and sizes of the regions of a shared sum buffer; every region starts 4-byte aligned. */
export interface SharedSumLayout {
  readonly worldSize: number;
  /** Float32 elements each rank may hand in per round. */
  readonly capacity: number;
  /** Int32 header at byte 0: `headerInts` words (see `SHARED_SUM_HEADER`). */
  readonly headerInts: number;
  /** UTF-8 abort reason: `SHARED_SUM_REASON_BYTES` bytes. */
  readonly reasonOffset: number;
  /** Rank r's float32 slot starts at `slotsOffset + r · slotBytes` (64-byte aligned, so ranks share no cache line). */
  readonly slotsOffset: number;
  /** Bytes per slot: `capacity` float32 rounded up to a multiple of 64 bytes. */
  readonly slotBytes: number;
  /** The published sum: `capacity` float32 (`slotBytes` reserved). */
  readonly resultOffset: number;
  readonly byteLength: number;
}

const CACHE_LINE = 64;
const alignUp = (bytes: number, to: number): number => Math.ceil(bytes / to) * to;

/** Layout of the buffer `worldSize` ranks use to sum vectors of up to `capacity` float32. */
export function sharedSumLayout(worldSize: number, capacity: number): SharedSumLayout {
  assertIntegerInRange(worldSize, 1, 1024, 'worldSize');
  assertPositiveInteger(capacity, 'capacity');
  const headerInts = SHARED_SUM_HEADER.ranks + 2 * worldSize;
  const reasonOffset = headerInts * 4;
  const slotsOffset = alignUp(reasonOffset + SHARED_SUM_REASON_BYTES, CACHE_LINE);
  const slotBytes = alignUp(capacity * 4, CACHE_LINE);
  const resultOffset = slotsOffset + worldSize * slotBytes;
  return {
    worldSize,
    capacity,
    headerInts,
    reasonOffset,
    slotsOffset,
    slotBytes,
    resultOffset,
    byteLength: resultOffset + slotBytes,
  };
}

/** A zeroed shared sum buffer with `worldSize` and `capacity` recorded in its header. */
export function createSharedSumBuffer(worldSize: number, capacity: number): SharedArrayBuffer {
  const layout = sharedSumLayout(worldSize, capacity);
  const buffer = new SharedArrayBuffer(layout.byteLength);
  const header = new Int32Array(buffer, 0, layout.headerInts);
  Atomics.store(header, SHARED_SUM_HEADER.worldSize, worldSize);
  Atomics.store(header, SHARED_SUM_HEADER.capacity, capacity);
  return buffer;
}
