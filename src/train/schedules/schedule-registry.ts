/**
 * Every LR schedule, listed once. Step schedules are pure decay functions of the optimizer step (warm-up and the
 * `lrMin` floor are applied around them in `lr-multiplier.ts`); `plateau` is driven by a monitored value once per
 * epoch instead (`plateau.ts`).
 */
import { constantDecay } from './constant';
import { cosineDecay } from './cosine';
import { cosineRestartsDecay } from './cosine-restarts';
import { linearDecay } from './linear';
import { polynomialDecay } from './polynomial';
import type { LrScheduleName } from '../../protocol/run-config';
import type { DecayMultiplier } from './schedule-shape';

export type LrScheduleEntry =
  | { readonly kind: 'step'; readonly decay: DecayMultiplier; readonly summary: string }
  | { readonly kind: 'plateau'; readonly summary: string };

export const LR_SCHEDULES: Readonly<Record<LrScheduleName, LrScheduleEntry>> = {
  plateau: {
    kind: 'plateau',
    summary: 'multiply by the plateau factor after patience + 1 epochs without relative improvement',
  },
  cosine: { kind: 'step', decay: cosineDecay, summary: 'half cosine from 1 to 0 over T − W steps' },
  linear: { kind: 'step', decay: linearDecay, summary: 'straight line from 1 to 0 over T − W steps' },
  cosine_restarts: {
    kind: 'step',
    decay: cosineRestartsDecay,
    summary: 'C half cosines from 1 to 0, each restarting at 1',
  },
  polynomial: { kind: 'step', decay: polynomialDecay, summary: '(1 − p)^power from the base LR down to lrEnd' },
  none: { kind: 'step', decay: constantDecay, summary: 'constant base LR' },
};
