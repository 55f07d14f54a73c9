/**
 * A small, fast, seeded PRNG (sfc32, Chris Doty-Humphrey's "Small Fast Counting" generator from
 * PractRand) whose whole state is four uint32 words, so checkpoints can store and resume it.
 *
 * Streams are keyed by a tuple of integers, conventionally `(RNG_STREAM.x, seed, epoch, rank, …)`:
 * the tuple is hashed (Murmur3) into the initial state, so tuples that differ in any position give
 * unrelated streams. sfc32 passes PractRand and BigCrush, and its counter word guarantees a period of
 * at least 2^32 from any state (no all-zero trap).
 */
import { assertIntegerInRange } from './assert';
import { isRecord } from './assert-never';
import { hashIntegers } from './seed-hash';

/** Serialisable generator state (JSON-safe: plain numbers, each a uint32). */
export interface RngState {
  readonly algorithm: 'sfc32';
  readonly words: readonly [number, number, number, number];
}

const TWO_POW_32 = 0x1_0000_0000;
/** Outputs discarded after seeding, as PractRand's own sfc32 seeding does, to decorrelate nearby keys. */
const WARM_UP_ROUNDS = 12;

/** A seeded sfc32 generator. Mutable: each call advances the state. */
export class SeededRng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Prefer {@link createRng} / {@link restoreRng}; this takes raw uint32 words. */
  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
  }

  /** Next uniform uint32 in [0, 2^32). */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Next uniform float in [0, 1) with 2^-32 resolution (one draw). */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /**
   * Next uniform integer in [0, n), exactly unbiased (rejection of the top partial range of 2^32).
   * `n` must be an integer in [1, 2^32].
   */
  nextInt(n: number): number {
    assertIntegerInRange(n, 1, TWO_POW_32, 'SeededRng.nextInt bound');
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let u = this.nextUint32();
    while (u >= limit) u = this.nextUint32();
    return u % n;
  }

  /** A copy of the current state; {@link restoreRng} continues the stream exactly from here. */
  state(): RngState {
    return { algorithm: 'sfc32', words: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0] };
  }
}

/**
 * A generator keyed by a tuple of safe integers, e.g. `createRng(RNG_STREAM.epochOrder, seed, epoch)`.
 * Identical tuples give identical streams; tuples differing anywhere give independent-looking ones.
 */
export function createRng(...key: readonly number[]): SeededRng {
  const rng = new SeededRng(
    hashIntegers(key, 0x243f6a88),
    hashIntegers(key, 0x85a308d3),
    hashIntegers(key, 0x13198a2e),
    1,
  );
  for (let i = 0; i < WARM_UP_ROUNDS; i++) rng.nextUint32();
  return rng;
}

function isUint32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < TWO_POW_32;
}

/**
 * Rebuilds a generator from a stored {@link RngState} (e.g. parsed from a checkpoint's JSON).
 * Throws a TypeError naming `source` when the value is not a valid sfc32 state.
 */
export function restoreRng(state: unknown, source = 'RNG state'): SeededRng {
  if (!isRecord(state)) {
    throw new TypeError(`${source}: expected an object {algorithm: 'sfc32', words: [4 × uint32]}`);
  }
  const { algorithm, words } = state;
  if (algorithm !== 'sfc32') {
    throw new TypeError(`${source}: unsupported RNG algorithm ${JSON.stringify(algorithm)}, expected 'sfc32'`);
  }
  if (!Array.isArray(words) || words.length !== 4 || !words.every(isUint32)) {
    throw new TypeError(`${source}: 'words' must be 4 integers in [0, 2^32), got ${JSON.stringify(words)}`);
  }
  const [a, b, c, d] = words as readonly number[];
  return new SeededRng(a ?? 0, b ?? 0, c ?? 0, d ?? 0);
}
