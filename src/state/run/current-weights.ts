/**
 * The run's current weights for the dataset encoder, without a download: one request at a time, answered by the
 * coordinator's `weights` event with purpose `encode`, or with null when the run ends first.
 */
import { safeFileName } from '../download-file';
import { send } from './run-session';
import { isTraining, useRunStore } from './run-store';

export interface CurrentWeights {
  readonly step: number;
  readonly bytes: ArrayBuffer;
  readonly fileName: string;
}

/** The request the dataset encoder is waiting on. */
let waiter: ((weights: CurrentWeights | null) => void) | null = null;

function answer(weights: CurrentWeights | null): void {
  const waiting = waiter;
  waiter = null;
  waiting?.(weights);
}

/**
 * The run's current weights (studio safetensors) without a download, for the dataset encoder; null when there is no
 * run to take them from. An earlier request still waiting is answered with null.
 */
export function requestCurrentWeights(): Promise<CurrentWeights | null> {
  answer(null);
  if (!isTraining(useRunStore.getState().status)) return Promise.resolve(null);
  return new Promise((resolve) => {
    waiter = resolve;
    if (!send({ type: 'download-weights', naming: 'studio', purpose: 'encode' })) answer(null);
  });
}

/** The coordinator's answer: the weights, named for the run. */
export function handOverWeights(step: number, bytes: ArrayBuffer, fileName: string): void {
  answer({ step, bytes, fileName: `${safeFileName(useRunStore.getState().info?.runName ?? 'run')}-${fileName}` });
}

/** The run ended before it could answer. */
export function handOverWeightsFailed(): void {
  answer(null);
}
