import { expect, test } from 'vitest';
import {
  arrivalIndex,
  createSharedSumBuffer,
  lengthIndex,
  SHARED_SUM_HEADER,
  sharedSumLayout,
} from '../../protocol/sum-exchange';
import { createRng } from '../../shared/seeded-rng';
import { expectRankOneTimeout, expectReleasedByAbort, RANK_ONE_TIMED_OUT } from './rank-one-timeout.node';
import { sharedSumClient, sharedSumCoordinator } from './shared-sum';
import { SumAborted, type RoundStats } from './sum-exchange';
import { bits, planVectors, referenceSum, runSumWorker, type SumWorkerReport } from './sum-worker.node';
import { runPython } from '../../shared/python-reference.node';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

test('layout: header, reason, 64-byte aligned slots and result for 3 ranks × 10 floats', () => {
  // header 8 + 2·3 = 14 words = 56 B; reason 56..568; slots from 576 (next multiple of 64), 64 B each.
  expect(sharedSumLayout(3, 10)).toEqual({
    worldSize: 3,
    capacity: 10,
    headerInts: 14,
    reasonOffset: 56,
    slotsOffset: 576,
    slotBytes: 64,
    resultOffset: 768,
    byteLength: 832,
  });
  expect([arrivalIndex(2), lengthIndex(2)]).toEqual([12, 13]);
  const header = new Int32Array(createSharedSumBuffer(3, 10), 0, 14);
  expect([
    header[SHARED_SUM_HEADER.worldSize],
    header[SHARED_SUM_HEADER.capacity],
    header[SHARED_SUM_HEADER.generation],
  ]).toEqual([3, 10, 0]);
  expect(() => sharedSumClient(createSharedSumBuffer(2, 10), 0, 3)).toThrow(RangeError);
});

test('sums in rank order in float32: 1 + 2^-24 + 2^-24 = 1, but 2^-24 + 2^-24 + 1 = 1 + 2^-23', async () => {
  for (const [order, expected] of [
    [[1, 2 ** -24, 2 ** -24], 1],
    [[2 ** -24, 2 ** -24, 1], 1 + 2 ** -23],
  ] as const) {
    const buffer = createSharedSumBuffer(3, 4);
    const coordinator = sharedSumCoordinator(buffer, 3);
    const sums = order.map((v, rank) => sharedSumClient(buffer, rank, 3).sum(Float32Array.of(v)));
    await coordinator.reduceRound(1000);
    for (const sum of await Promise.all(sums)) expect(Array.from(sum)).toEqual([expected]);
  }
});

test('a fixed 3-rank case equals NumPy float32 (a + b) + c bit for bit', async () => {
  const parts = planVectors(7, 3, [64]).map((rounds) => rounds[0] as Float32Array);
  const script =
    'import json,sys,numpy as np\np=[np.array(v,dtype=np.float32) for v in json.load(sys.stdin)]\n' +
    'print(json.dumps(((p[0]+p[1])+p[2]).view(np.uint32).tolist()))';
  const numpyBits = JSON.parse(
    runPython({ code: script }, { input: JSON.stringify(parts.map((v) => Array.from(v))) }),
  ) as number[];
  const buffer = createSharedSumBuffer(3, 64);
  const coordinator = sharedSumCoordinator(buffer, 3);
  const sums = parts.map((v, rank) => sharedSumClient(buffer, rank, 3).sum(v));
  await coordinator.reduceRound(1000);
  const results = await Promise.all(sums);
  for (const result of results) expect(bits(result)).toEqual(numpyBits);
  expect(results[0]?.buffer).toBeInstanceOf(ArrayBuffer); // a private copy, not a view of shared memory
});

/** Runs 20 rounds with 3 ranks in threads; rank 2 and the coordinator sleep at random; returns what each rank got. */
async function threeThreadRounds(
  pollOnly: boolean,
): Promise<{ plan: Float32Array[][]; reports: SumWorkerReport[][]; stats: RoundStats[] }> {
  const capacity = 257;
  const rng = createRng(0x5e4, pollOnly ? 1 : 0);
  const lengths = Array.from({ length: 20 }, (_, k) => (k === 0 ? 1 : k === 1 ? capacity : 1 + rng.nextInt(capacity)));
  const plan = planVectors(3, 3, lengths);
  const buffer = createSharedSumBuffer(3, capacity);
  const coordinator = sharedSumCoordinator(buffer, 3);
  const workers = plan.map((vectors, rank) =>
    runSumWorker({
      form: 'shared',
      rank,
      worldSize: 3,
      buffer,
      vectors,
      pollOnly,
      delaysMs: rank === 2 ? lengths.map(() => rng.nextInt(15)) : [],
    }),
  );
  const stats: RoundStats[] = [];
  for (let k = 0; k < lengths.length; k++) {
    await sleep(rng.nextInt(8)); // sometimes every rank is already waiting, sometimes none is
    stats.push(await coordinator.reduceRound(20_000));
  }
  return { plan, reports: await Promise.all(workers), stats };
}

for (const pollOnly of [false, true]) {
  test(`3 worker threads × 20 rounds (lengths 1..capacity, one slow rank${pollOnly ? ', polling without waitAsync' : ''}) match the rank-order float32 sum bit for bit`, async () => {
    const { plan, reports, stats } = await threeThreadRounds(pollOnly);
    expect(stats.map((s) => s.round)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    for (const [k, s] of stats.entries()) {
      expect(s.length).toBe(plan[0]?.[k]?.length);
      const expected = bits(referenceSum(plan.map((rounds) => rounds[k] as Float32Array)));
      for (const rankReports of reports)
        expect(rankReports[k]).toEqual({ type: 'result', round: k + 1, values: expect.any(Float32Array) });
      for (const rankReports of reports)
        expect(bits((rankReports[k] as { values: Float32Array }).values)).toEqual(expected);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
    console.info(
      `shared sum${pollOnly ? ' (polling)' : ''}: median waitMs ${median(stats.map((s) => s.waitMs)).toFixed(2)}, reduceMs ${median(stats.map((s) => s.reduceMs)).toFixed(3)}`,
    );
  });
}

test('a rank that never arrives: reduceRound rejects with SumTimeout naming it; abort releases the others with the reason', async () => {
  const buffer = createSharedSumBuffer(3, 8);
  const coordinator = sharedSumCoordinator(buffer, 3);
  const [v0, , v2] = planVectors(11, 3, [8]).map((rounds) => rounds as Float32Array[]);
  const workers = [0, 2].map((rank) =>
    runSumWorker({ form: 'shared', rank, worldSize: 3, buffer, vectors: rank === 0 ? (v0 ?? []) : (v2 ?? []) }),
  );
  const header = new Int32Array(buffer, 0, sharedSumLayout(3, 8).headerInts);
  while (Atomics.load(header, arrivalIndex(0)) === 0 || Atomics.load(header, arrivalIndex(2)) === 0) await sleep(5); // threads take a while to boot
  const started = performance.now();
  const timeout = await coordinator.reduceRound(200).catch((error: unknown) => error);
  expectRankOneTimeout(timeout, performance.now() - started);
  coordinator.abort(RANK_ONE_TIMED_OUT);
  coordinator.abort('a second reason is ignored');
  await expectReleasedByAbort(workers);
  await expect(sharedSumClient(buffer, 1, 3).sum(new Float32Array(8))).rejects.toEqual(
    new SumAborted(RANK_ONE_TIMED_OUT),
  );
  await expect(coordinator.reduceRound(100)).rejects.toBeInstanceOf(SumAborted);
});

test('a timeout leaves the round open: a late rank still completes it; several missing ranks are all named', async () => {
  const buffer = createSharedSumBuffer(3, 2);
  const coordinator = sharedSumCoordinator(buffer, 3);
  const clients = [0, 1, 2].map((rank) => sharedSumClient(buffer, rank, 3));
  const first = clients[1]?.sum(Float32Array.of(1, 2));
  await expect(coordinator.reduceRound(50)).rejects.toThrow('ranks 0, 2 did not hand in their gradients within 0.05 s');
  const late = [clients[0]?.sum(Float32Array.of(10, 20)), clients[2]?.sum(Float32Array.of(100, 200))];
  const stats = await coordinator.reduceRound(1000);
  expect(stats).toMatchObject({ round: 1, length: 2 });
  expect(stats.arrivalMs).toHaveLength(3);
  for (const sum of await Promise.all([first, ...late])) expect(Array.from(sum ?? [])).toEqual([111, 222]);
});

test('ranks disagreeing on the length abort the round; too long a vector and a second concurrent sum are refused', async () => {
  const buffer = createSharedSumBuffer(2, 4);
  const coordinator = sharedSumCoordinator(buffer, 2);
  const [a, b] = [0, 1].map((rank) => sharedSumClient(buffer, rank, 2));
  await expect(a?.sum(new Float32Array(5))).rejects.toBeInstanceOf(RangeError);
  const pending = [a?.sum(new Float32Array(3)), b?.sum(new Float32Array(4))];
  await expect(a?.sum(new Float32Array(3))).rejects.toThrow('rank 0 already has a sum in flight');
  const reason = 'ranks handed in vectors of different lengths (3, 4) in round 1';
  await expect(coordinator.reduceRound(1000)).rejects.toEqual(new SumAborted(reason));
  for (const p of pending) await expect(p).rejects.toEqual(new SumAborted(reason));
});
