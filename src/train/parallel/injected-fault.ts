/** Faults the coordinator can ask a replica to show at a chosen step, for the failure drills and their tests. */
import * as tf from '@tensorflow/tfjs';
import type { InjectedFault } from '../../protocol/coordinator-messages';
import { assertNever } from '../../shared/assert-never';
import type { Trainer } from '../trainer/trainer';

/** A fault waiting for the step it names. */
export interface PendingFault {
  readonly fault: InjectedFault;
  readonly atStep: number;
}

/**
 * Shows `fault` at `step`, before the step runs: throws the error it stands for, loses the GPU device (`loseDevice`,
 * false where there is none), never returns (a hang), or nudges one weight of `trainer` (drift).
 */
export async function showInjectedFault(
  fault: InjectedFault,
  step: number,
  trainer: Trainer | null,
  loseDevice: () => boolean,
): Promise<void> {
  switch (fault) {
    case 'throw':
      throw new Error(`fault injected at step ${step}`);
    case 'out-of-memory':
      throw new Error(`failed to allocate a GPU buffer: out of memory (fault injected at step ${step})`);
    case 'device-lost':
      if (!loseDevice()) throw new Error(`the GPU device was lost (simulated at step ${step})`);
      // A lost device fails the next GPU call; wait until tfjs notices.
      return;
    case 'hang':
      await new Promise<never>(() => undefined);
      return;
    case 'drift': {
      // One weight nudged by 1e-3: what a replica that silently computed something else would look like.
      const name = trainer?.parts.params.names()[0];
      if (trainer && name) {
        const weight = trainer.parts.params.get(name);
        const values = Float32Array.from(await weight.data());
        values[0] = (values[0] ?? 0) + 1e-3;
        tf.tidy(() => weight.assign(tf.tensor(values, weight.shape)));
      }
      return;
    }
    default:
      return assertNever(fault, 'injected fault');
  }
}
