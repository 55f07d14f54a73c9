import { describe, expect, test } from 'vitest';
import { defaultRunConfig } from '../../config/run-config-values';
import { faultMessage } from './fault-message';
import { ReplicaFailure } from './replica-group';

const config = defaultRunConfig();
const failure = new ReplicaFailure(0, 'error', 'model: width 32 is not divisible by 5 heads');

describe('the fault message names a checkpoint only when there is one', () => {
  test('no trainer left and no checkpoint: says so, and does not claim the run is paused', () => {
    const message = faultMessage(failure, config, 0, 0, false);
    expect(message).toBe(
      'Trainer rank 0 failed: model: width 32 is not divisible by 5 heads. The run stopped after step 0: no trainer is left, so start the run again (no checkpoint was saved).',
    );
    expect(message).not.toMatch(/paused|last checkpoint/);
  });

  test('with a checkpoint and trainers left: continue or restart from it', () => {
    expect(faultMessage(failure, config, 12, 1, true)).toMatch(
      /The run is paused after step 12; .* Continue with the 1 remaining trainer, or restart from the last checkpoint\.$/,
    );
    expect(faultMessage(failure, config, 12, 0, true)).toMatch(
      /no trainer is left, so restart from the last checkpoint\.$/,
    );
    expect(faultMessage(failure, config, 12, 2, false)).not.toContain('last checkpoint');
  });
});
