/**
 * A micro-batch split into passes (the memory pre-flight's answer to a batch too large for one forward + backward)
 * takes the same optimizer steps as the whole micro-batch: same losses, same weights, up to float summation order.
 */
import { beforeAll, expect, test } from 'vitest';
import type { ProteinSource } from './protein-source';
import { Trainer } from './trainer';
import { sampleSource, smallRunConfig } from './testing-sample-source.node';
import { weightsOf, worstDifference } from '../parallel/weight-difference.node';

let source: ProteinSource;
beforeAll(async () => {
  source = await sampleSource(8, 150);
});

test('batch 4 as passes of 3 and of 1 ends 4 optimizer steps with the weights and losses of batch 4 in one pass', async () => {
  // Without dropout: passes draw their own masks, which is the only other difference.
  const config = smallRunConfig({ training: { batchSize: 4 }, model: { encoderDropout: 0, decoderDropout: 0 } });
  const options = { rank: 0, worldSize: 1, lossScaling: false };
  const whole = new Trainer(config, source, options);
  const split = [3, 1].map((proteins) => {
    const trainer = new Trainer(config, source, options);
    trainer.limitProteinsPerPass(proteins);
    return trainer;
  });
  try {
    for (let step = 0; step < 4; step++) {
      const reference = await whole.step();
      for (const trainer of split) {
        const point = await trainer.step();
        expect(point?.total, `step ${step + 1}`).toBeCloseTo(reference?.total ?? NaN, 4);
        expect(point?.usedCodes, `step ${step + 1}`).toBe(reference?.usedCodes);
      }
    }
    const reference = await weightsOf(whole.parts.params);
    for (const trainer of split) {
      const difference = worstDifference(reference, await weightsOf(trainer.parts.params));
      console.log(
        `passes vs one pass after 4 steps: largest weight difference ${difference.relative.toExponential(2)} at ${difference.at}`,
      );
      expect(difference.relative).toBeLessThan(1e-5);
    }
    // Passes count toward the micro-batch counter, so each draws its own dropout masks.
    expect(split.map((t) => t.state.microBatches)).toEqual([8, 16]);
    expect(whole.state.microBatches).toBe(4);
  } finally {
    for (const trainer of [whole, ...split]) trainer.dispose();
  }
}, 120_000);

test('a pass must hold at least one protein', () => {
  const trainer = new Trainer(smallRunConfig(), source, { rank: 0, worldSize: 1, lossScaling: false });
  try {
    expect(() => trainer.limitProteinsPerPass(0)).toThrow(/at least one protein/);
  } finally {
    trainer.dispose();
  }
});
