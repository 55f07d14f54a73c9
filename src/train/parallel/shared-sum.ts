/**
 * Summing across ranks over one SharedArrayBuffer (layout: `sharedSumLayout` in src/protocol/sum-exchange.ts).
 *
 * Round k (1-based), rank r:
 *  1. r copies its vector into slot r, stores its length, stores `arrival[r] = k`, then bumps `arrivals` and
 *     notifies it (the coordinator sleeps on that one word, so no hand-in can slip between its scan and its wait).
 *  2. The coordinator, seeing `arrival[r] ≥ k` for every r, sums the slots in rank order into the result region,
 *     then stores `generation = k` and notifies it.
 *  3. r, which slept while `generation` was k − 1, copies the result out and returns it.
 *
 * Why a fast rank can neither corrupt nor misread:
 *  - r writes slot r for round k+1 only after step 3 of round k, i.e. after `generation = k`, which the coordinator
 *    stores only once it has finished reading every slot of round k.
 *  - The coordinator writes round k+1's result only after every rank handed in k+1, and each rank hands in only
 *    after it has copied round k's result out, so no rank is still reading the region it overwrites.
 *  - r waits for `generation` to leave k − 1 and accepts only `generation === k`; it cannot pass k without r's
 *    own hand-in for k+1, so r never returns an older (or newer) round's result.
 * Float data is written with plain stores and published by a later `Atomics.store` that the reader observes with
 * `Atomics.load` before it reads; atomics are sequentially consistent, which orders the plain accesses around them.
 *
 * Abort writes the reason, sets `aborted`, then sets `generation = −1` and notifies: a rank that checked the flag
 * just before it began waiting still wakes, because the word it waits on no longer holds the value it expects.
 *
 * Waiting never blocks the thread: `Atomics.waitAsync` where it exists, else a short `setTimeout` poll. In Node,
 * a pending `waitAsync` does not keep a worker thread alive by itself; a worker's open port or timer must.
 */
import {
  arrivalIndex,
  lengthIndex,
  SHARED_SUM_HEADER as H,
  SHARED_SUM_REASON_BYTES,
  sharedSumLayout,
  type SharedSumLayout,
} from '../../protocol/sum-exchange';
import { assertIntegerInRange } from '../../shared/assert';
import { SumAborted, SumTimeout, sumInRankOrder, type SumClient, type SumCoordinator } from './sum-exchange';

/** `Atomics.waitAsync` (ES2024), typed here because the project compiles against ES2022. */
type WaitAsync = (
  view: Int32Array,
  index: number,
  value: number,
  timeout?: number,
) =>
  | { readonly async: false; readonly value: 'not-equal' | 'timed-out' }
  | { readonly async: true; readonly value: Promise<'ok' | 'timed-out'> };

/** Poll period where `waitAsync` is missing; browsers clamp nested timers to ~4 ms anyway. */
const POLL_MS = 1;

/** Resolves once `header[index]` may differ from `expected`, the buffer is aborted, or `timeoutMs` passed. Callers recheck. */
async function waitForChange(header: Int32Array, index: number, expected: number, timeoutMs: number): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  if (waitAsync) {
    const wait = waitAsync.call(Atomics, header, index, expected, timeoutMs);
    if (wait.async) await wait.value;
    return;
  }
  const deadline = performance.now() + timeoutMs;
  while (
    Atomics.load(header, index) === expected &&
    Atomics.load(header, H.aborted) === 0 &&
    performance.now() < deadline
  ) {
    await new Promise<void>((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Typed views over one shared sum buffer, after checking it was created for `worldSize`. */
function attach(buffer: SharedArrayBuffer, worldSize: number) {
  const capacity = Atomics.load(new Int32Array(buffer, 0, H.ranks), H.capacity);
  const layout: SharedSumLayout = sharedSumLayout(worldSize, Math.max(1, capacity));
  const header = new Int32Array(buffer, 0, layout.headerInts);
  if (Atomics.load(header, H.worldSize) !== worldSize || layout.byteLength !== buffer.byteLength) {
    throw new RangeError(`buffer was not created by createSharedSumBuffer(${worldSize}, …)`);
  }
  const slot = (rank: number) => new Float32Array(buffer, layout.slotsOffset + rank * layout.slotBytes, capacity);
  return {
    header,
    capacity,
    slots: Array.from({ length: worldSize }, (_, rank) => slot(rank)),
    result: new Float32Array(buffer, layout.resultOffset, capacity),
    reason: new Uint8Array(buffer, layout.reasonOffset, SHARED_SUM_REASON_BYTES),
  };
}

function abortedError(header: Int32Array, reasonBytes: Uint8Array): SumAborted {
  // TextDecoder refuses views of shared memory, so decode a private copy.
  const copy = reasonBytes.slice(0, Atomics.load(header, H.reasonLength));
  return new SumAborted(new TextDecoder().decode(copy));
}

/** Trainer side for `rank` of `worldSize` over `buffer` from `createSharedSumBuffer(worldSize, capacity)`. */
export function sharedSumClient(buffer: SharedArrayBuffer, rank: number, worldSize: number): SumClient {
  assertIntegerInRange(rank, 0, worldSize - 1, 'rank');
  const { header, capacity, slots, result, reason } = attach(buffer, worldSize);
  const slot = slots[rank] as Float32Array;
  let busy = false;
  return {
    async sum(values) {
      if (Atomics.load(header, H.aborted) !== 0) throw abortedError(header, reason);
      if (values.length > capacity)
        throw new RangeError(`vector of ${values.length} exceeds the capacity of ${capacity}`);
      if (busy) throw new Error(`rank ${rank} already has a sum in flight`);
      busy = true;
      try {
        const round = Atomics.load(header, arrivalIndex(rank)) + 1;
        slot.set(values);
        Atomics.store(header, lengthIndex(rank), values.length);
        Atomics.store(header, arrivalIndex(rank), round);
        Atomics.add(header, H.arrivals, 1);
        Atomics.notify(header, H.arrivals);
        for (;;) {
          const generation = Atomics.load(header, H.generation);
          if (generation === round) return result.slice(0, values.length);
          if (Atomics.load(header, H.aborted) !== 0) throw abortedError(header, reason);
          await waitForChange(header, H.generation, generation, Infinity);
        }
      } finally {
        busy = false;
      }
    },
  };
}

/** Coordinator side over `buffer` from `createSharedSumBuffer(worldSize, capacity)`. One coordinator per buffer. */
export function sharedSumCoordinator(buffer: SharedArrayBuffer, worldSize: number): SumCoordinator {
  const { header, slots, result, reason } = attach(buffer, worldSize);
  let published = Math.max(0, Atomics.load(header, H.generation));
  let busy = false;

  function abort(why: string): void {
    if (Atomics.load(header, H.aborted) !== 0) return;
    const encoded = new TextEncoder().encode(why);
    let length = Math.min(encoded.length, SHARED_SUM_REASON_BYTES);
    while (length > 0 && length < encoded.length && ((encoded[length] ?? 0) & 0xc0) === 0x80) length--; // whole characters only
    reason.set(encoded.subarray(0, length));
    Atomics.store(header, H.reasonLength, length);
    Atomics.store(header, H.aborted, 1);
    Atomics.store(header, H.generation, -1);
    Atomics.notify(header, H.generation);
    Atomics.notify(header, H.arrivals); // wakes our own pending reduceRound
  }

  async function waitForRound(round: number, timeoutMs: number, start: number): Promise<number[]> {
    const arrivalMs: (number | undefined)[] = new Array<number | undefined>(worldSize).fill(undefined);
    for (;;) {
      if (Atomics.load(header, H.aborted) !== 0) throw abortedError(header, reason);
      const seen = Atomics.load(header, H.arrivals);
      const missing: number[] = [];
      for (let r = 0; r < worldSize; r++) {
        if (Atomics.load(header, arrivalIndex(r)) >= round) arrivalMs[r] ??= performance.now() - start;
        else missing.push(r);
      }
      if (missing.length === 0) return arrivalMs.map((ms) => ms ?? 0);
      const left = start + timeoutMs - performance.now();
      if (left <= 0) throw new SumTimeout(missing, timeoutMs);
      await waitForChange(header, H.arrivals, seen, left);
    }
  }

  return {
    abort,
    async reduceRound(timeoutMs, publish) {
      if (busy) throw new Error('reduceRound is already waiting for a round');
      busy = true;
      try {
        const round = published + 1;
        const start = performance.now();
        const arrivalMs = await waitForRound(round, timeoutMs, start);
        const reduceStart = performance.now();
        const lengths = Array.from({ length: worldSize }, (_, r) => Atomics.load(header, lengthIndex(r)));
        const length = lengths[0] ?? 0;
        if (lengths.some((l) => l !== length)) {
          abort(`ranks handed in vectors of different lengths (${lengths.join(', ')}) in round ${round}`);
          throw abortedError(header, reason);
        }
        sumInRankOrder(slots, length, result);
        if (publish) {
          const values = await publish(result.slice(0, length));
          if (values.length !== length)
            throw new RangeError(`a published round must keep its length ${length}, got ${values.length}`);
          result.set(values);
        }
        Atomics.store(header, H.generation, round);
        Atomics.notify(header, H.generation);
        published = round;
        const end = performance.now();
        return { round, length, waitMs: reduceStart - start, reduceMs: end - reduceStart, arrivalMs };
      } finally {
        busy = false;
      }
    },
  };
}
