/**
 * Summing across ranks over one port per rank, for pages without cross-origin isolation (no SharedArrayBuffer).
 *
 * Round k: each rank posts `sum-part` {rank, round: k, values} with a private copy of its vector in the transfer
 * list. The coordinator keeps the parts that arrive, even before `reduceRound` is called; once it holds all N it
 * sums them in rank order (`sumInRankOrder`, as the shared form does), writes the sum into each rank's received
 * buffer and posts it back as `sum-result` in the transfer list, so each buffer makes one round trip and nothing
 * is shared. A rank can only post round k+1 after it received round k's result, and ports deliver in order, so a
 * part for any round other than the open one is a protocol error and aborts the exchange.
 *
 * `abort(reason)` posts `sum-aborted` to every rank; a rank rejects its pending and all later `sum()` calls.
 */
import {
  isSumPartMessage,
  isSumReplyMessage,
  type SumPartMessage,
  type SumReplyMessage,
} from '../../protocol/sum-exchange';
import {
  SumAborted,
  SumTimeout,
  sumInRankOrder,
  type PublishTransform,
  type RoundStats,
  type SumClient,
  type SumCoordinator,
} from './sum-exchange';

/** Written as a method so handlers typed for a richer event (the browser's `MessageEvent`) still fit. */
type MessageHandler = { handle(event: { readonly data: unknown }): void }['handle'];

/**
 * What the exchange needs of a port: the browser's `MessagePort`/`Worker`/worker global and Node's
 * `worker_threads` `MessagePort` all fit. Setting `onmessage` starts the port in both. It is optional only because
 * @types/node leaves out the `onmessage` Node implements; the exchange always sets it.
 */
export interface PortLike {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  onmessage?: MessageHandler | null;
}

/** Trainer side for `rank`, talking to the coordinator over `port`. */
export function messageSumClient(port: PortLike, rank: number): SumClient {
  let round = 0;
  let abortedFor: string | undefined;
  let pending: { resolve(values: Float32Array): void; reject(error: Error): void } | undefined;
  port.onmessage = (event) => {
    const reply: unknown = event.data;
    if (!isSumReplyMessage(reply)) return;
    if (reply.type === 'sum-aborted') {
      abortedFor ??= reply.reason;
      pending?.reject(new SumAborted(abortedFor));
      pending = undefined;
    } else if (reply.round === round && pending) {
      pending.resolve(reply.values);
      pending = undefined;
    }
  };
  return {
    sum(values) {
      if (abortedFor !== undefined) return Promise.reject(new SumAborted(abortedFor));
      if (pending) return Promise.reject(new Error(`rank ${rank} already has a sum in flight`));
      round += 1;
      const part: SumPartMessage = { type: 'sum-part', rank, round, values: values.slice() };
      return new Promise<Float32Array>((resolve, reject) => {
        pending = { resolve, reject };
        port.postMessage(part, [part.values.buffer]);
      });
    },
  };
}

/** Coordinator side; `ports[r]` talks to rank r. */
export function messageSumCoordinator(ports: readonly PortLike[]): SumCoordinator {
  const worldSize = ports.length;
  let round = 1;
  let parts: (Float32Array<ArrayBuffer> | undefined)[] = new Array<Float32Array<ArrayBuffer> | undefined>(
    worldSize,
  ).fill(undefined);
  let seenAt: number[] = [];
  let abortedFor: string | undefined;
  let waiting:
    | {
        start: number;
        resolve(stats: RoundStats): void;
        reject(error: Error): void;
        timer: ReturnType<typeof setTimeout>;
        publish: PublishTransform | undefined;
      }
    | undefined;

  function post(rank: number, reply: SumReplyMessage, transfer: ArrayBuffer[]): void {
    ports[rank]?.postMessage(reply, transfer);
  }

  function abort(reason: string): void {
    if (abortedFor !== undefined) return;
    abortedFor = reason;
    for (let r = 0; r < worldSize; r++) post(r, { type: 'sum-aborted', reason }, []);
    if (waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(new SumAborted(reason));
      waiting = undefined;
    }
  }

  /** Sums and replies once a reduceRound is waiting and every part is in. */
  function tryComplete(): void {
    if (!waiting || parts.some((p) => p === undefined)) return;
    const { start, resolve, reject, timer, publish } = waiting;
    const received = parts as Float32Array<ArrayBuffer>[];
    const reduceStart = performance.now();
    const lengths = received.map((p) => p.length);
    const length = lengths[0] ?? 0;
    if (lengths.some((l) => l !== length)) {
      abort(`ranks handed in vectors of different lengths (${lengths.join(', ')}) in round ${round}`);
      return;
    }
    clearTimeout(timer);
    waiting = undefined;
    const sum = new Float32Array(length);
    sumInRankOrder(received, length, sum);
    const arrivalMs = seenAt.map((at) => Math.max(0, at - start));
    const thisRound = round;
    round += 1;
    parts = new Array<Float32Array<ArrayBuffer> | undefined>(worldSize).fill(undefined);
    seenAt = [];
    const reply = (values: Float32Array) => {
      if (values.length !== length)
        throw new RangeError(`a published round must keep its length ${length}, got ${values.length}`);
      if (abortedFor !== undefined) throw new SumAborted(abortedFor);
      received.forEach((part, r) => {
        part.set(values);
        post(r, { type: 'sum-result', round: thisRound, values: part }, [part.buffer]);
      });
      resolve({
        round: thisRound,
        length,
        waitMs: reduceStart - start,
        reduceMs: performance.now() - reduceStart,
        arrivalMs,
      });
    };
    if (!publish) return reply(sum);
    Promise.resolve(publish(sum))
      .then(reply)
      .catch((error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
  }

  ports.forEach((port, rank) => {
    port.onmessage = (event) => {
      const part: unknown = event.data;
      if (abortedFor !== undefined || !isSumPartMessage(part)) return;
      if (part.rank !== rank || part.round !== round || parts[rank] !== undefined) {
        abort(`rank ${rank} handed in round ${part.round} as rank ${part.rank} while round ${round} was open`);
        return;
      }
      parts[rank] = part.values;
      seenAt[rank] = performance.now();
      tryComplete();
    };
  });

  return {
    abort,
    reduceRound(timeoutMs, publish) {
      if (abortedFor !== undefined) return Promise.reject(new SumAborted(abortedFor));
      if (waiting) return Promise.reject(new Error('reduceRound is already waiting for a round'));
      return new Promise<RoundStats>((resolve, reject) => {
        const start = performance.now();
        const timer = setTimeout(() => {
          waiting = undefined;
          const missing = parts.flatMap((p, r) => (p === undefined ? [r] : []));
          reject(new SumTimeout(missing, timeoutMs));
        }, timeoutMs);
        waiting = { start, resolve, reject, timer, publish };
        tryComplete();
      });
    },
  };
}
