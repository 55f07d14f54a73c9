import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, expect, expectTypeOf, test } from 'vitest';
import { createSharedSumBuffer } from '../../protocol/sum-exchange';
import { createRng } from '../../shared/seeded-rng';
import { messageSumClient, messageSumCoordinator, type PortLike } from './message-sum';
import { expectRankOneTimeout, expectReleasedByAbort, RANK_ONE_TIMED_OUT } from './rank-one-timeout.node';
import { sharedSumCoordinator } from './shared-sum';
import { SumAborted, SumTimeout, type SumCoordinator } from './sum-exchange';
import { bits, planVectors, referenceSum, runSumWorker, type SumWorkerReport } from './sum-worker.node';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let open: MessagePort[] = [];
afterEach(() => {
  for (const port of open) port.close();
  open = [];
});

test("the browser's MessagePort and Worker and Node's worker_threads MessagePort fit PortLike", () => {
  expectTypeOf<globalThis.MessagePort>().toExtend<PortLike>();
  expectTypeOf<globalThis.Worker>().toExtend<PortLike>();
  expectTypeOf<MessagePort>().toExtend<PortLike>();
});

/** `worldSize` channels: coordinator ends and rank ends. */
function channels(worldSize: number): { coordinatorEnds: MessagePort[]; rankEnds: MessagePort[] } {
  const pairs = Array.from({ length: worldSize }, () => new MessageChannel());
  open.push(...pairs.flatMap((c) => [c.port1, c.port2]));
  return { coordinatorEnds: pairs.map((c) => c.port1), rankEnds: pairs.map((c) => c.port2) };
}

test('sums in rank order in float32: 1 + 2^-24 + 2^-24 = 1, but 2^-24 + 2^-24 + 1 = 1 + 2^-23; the caller keeps its array', async () => {
  for (const [order, expected] of [
    [[1, 2 ** -24, 2 ** -24], 1],
    [[2 ** -24, 2 ** -24, 1], 1 + 2 ** -23],
  ] as const) {
    const { coordinatorEnds, rankEnds } = channels(3);
    const coordinator = messageSumCoordinator(coordinatorEnds);
    const inputs = order.map((v) => Float32Array.of(v));
    const sums = inputs.map((input, rank) => messageSumClient(rankEnds[rank] as MessagePort, rank).sum(input));
    expect(await coordinator.reduceRound(1000)).toMatchObject({ round: 1, length: 1 });
    for (const sum of await Promise.all(sums)) expect(Array.from(sum)).toEqual([expected]);
    expect(inputs.map((input) => input[0])).toEqual(order);
  }
});

/** 20 rounds with 3 ranks in threads through `form`; rank 1 and the coordinator sleep at random. */
async function threeThreadRounds(form: 'shared' | 'message', lengths: number[]): Promise<SumWorkerReport[][]> {
  const plan = planVectors(5, 3, lengths);
  const rng = createRng(0x5e5, form === 'shared' ? 0 : 1);
  const capacity = Math.max(...lengths);
  const buffer = createSharedSumBuffer(3, capacity);
  const { coordinatorEnds, rankEnds } = channels(3);
  const coordinator: SumCoordinator =
    form === 'shared' ? sharedSumCoordinator(buffer, 3) : messageSumCoordinator(coordinatorEnds);
  const workers = plan.map((vectors, rank) =>
    runSumWorker({
      form,
      rank,
      worldSize: 3,
      vectors,
      delaysMs: rank === 1 ? lengths.map(() => rng.nextInt(15)) : [],
      ...(form === 'shared' ? { buffer } : { port: rankEnds[rank] as MessagePort }),
    }),
  );
  const started = performance.now();
  for (let k = 0; k < lengths.length; k++) {
    await sleep(rng.nextInt(8));
    expect(await coordinator.reduceRound(20_000)).toMatchObject({ round: k + 1, length: lengths[k] });
  }
  console.info(
    `${form} sum: 20 rounds of ≤ ${capacity} floats × 3 ranks in ${(performance.now() - started).toFixed(0)} ms`,
  );
  const reports = await Promise.all(workers);
  lengths.forEach((_, k) => {
    const expected = bits(referenceSum(plan.map((rounds) => rounds[k] as Float32Array)));
    for (const rankReports of reports)
      expect(bits((rankReports[k] as { values: Float32Array }).values)).toEqual(expected);
  });
  return reports;
}

test('3 worker threads × 20 rounds: the message form matches the reference and the shared form bit for bit', async () => {
  const rng = createRng(0x5e6);
  const capacity = 4099;
  const lengths = Array.from({ length: 20 }, (_, k) => (k === 0 ? capacity : k === 1 ? 1 : 1 + rng.nextInt(capacity)));
  const viaMessages = await threeThreadRounds('message', lengths);
  const viaShared = await threeThreadRounds('shared', lengths);
  for (const [rank, reports] of viaMessages.entries()) {
    expect(reports.map((r) => r.type === 'result' && bits(r.values))).toEqual(
      viaShared[rank]?.map((r) => r.type === 'result' && bits(r.values)),
    );
  }
});

test('a rank that never arrives: reduceRound rejects with SumTimeout naming it; abort releases the others with the reason', async () => {
  const { coordinatorEnds, rankEnds } = channels(3);
  const coordinator = messageSumCoordinator(coordinatorEnds);
  const plan = planVectors(11, 3, [8]);
  const workers = [0, 2].map((rank) =>
    runSumWorker({
      form: 'message',
      rank,
      worldSize: 3,
      vectors: plan[rank] ?? [],
      port: rankEnds[rank] as MessagePort,
    }),
  );
  // While the threads boot, earlier timeouts also name ranks 0 and 2; each leaves the round open for the next try.
  let timeout: unknown;
  let started = 0;
  for (let tries = 0; tries < 50 && !(timeout instanceof SumTimeout && timeout.missingRanks.length === 1); tries++) {
    started = performance.now();
    timeout = await coordinator.reduceRound(200).catch((error: unknown) => error);
  }
  expectRankOneTimeout(timeout, performance.now() - started);
  coordinator.abort(RANK_ONE_TIMED_OUT);
  await expectReleasedByAbort(workers);
  const lateRank = messageSumClient(rankEnds[1] as MessagePort, 1);
  await sleep(20); // the abort notice queued on rank 1's port arrives
  await expect(lateRank.sum(new Float32Array(8))).rejects.toEqual(new SumAborted(RANK_ONE_TIMED_OUT));
  await expect(coordinator.reduceRound(100)).rejects.toBeInstanceOf(SumAborted);
});

test('a timeout leaves the round open; disagreeing lengths abort; a second concurrent sum is refused', async () => {
  const { coordinatorEnds, rankEnds } = channels(2);
  const coordinator = messageSumCoordinator(coordinatorEnds);
  const [a, b] = [0, 1].map((rank) => messageSumClient(rankEnds[rank] as MessagePort, rank));
  const first = a?.sum(Float32Array.of(1.5));
  await expect(a?.sum(Float32Array.of(1))).rejects.toThrow('rank 0 already has a sum in flight');
  await expect(coordinator.reduceRound(50)).rejects.toThrow('rank 1 did not hand in its gradients within 0.05 s');
  const late = b?.sum(Float32Array.of(2.25));
  expect(await coordinator.reduceRound(1000)).toMatchObject({ round: 1, length: 1 });
  for (const sum of await Promise.all([first, late])) expect(Array.from(sum ?? [])).toEqual([3.75]);
  const pending = [a?.sum(new Float32Array(3)), b?.sum(new Float32Array(4))];
  const reason = 'ranks handed in vectors of different lengths (3, 4) in round 2';
  await expect(coordinator.reduceRound(1000)).rejects.toEqual(new SumAborted(reason));
  for (const p of pending) await expect(p).rejects.toEqual(new SumAborted(reason));
});
