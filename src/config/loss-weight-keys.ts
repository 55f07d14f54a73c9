/** The loss weights of a run config, in the order the settings panel and the live-change list show them. */
import type { ConfigPath } from './schema-types';

export const LOSS_WEIGHT_KEYS = [
  'losses.aaWeight',
  'losses.edgeWeight',
  'losses.logitWeight',
  'losses.anglesWeight',
  'losses.ssWeight',
  'losses.vqWeight',
  'losses.fft2Weight',
] as const satisfies readonly ConfigPath[];
