/**
 * The multiplier of a group's base LR at an optimizer step, for the step-driven schedules: linear warm-up, then
 * the schedule's decay, then the `lrMin` floor. One pure function, so the trainer, the UI's LR preview and the
 * tests all compute the same number.
 */
import { assertNonNegativeInteger } from '../../shared/assert';
import { LR_SCHEDULES } from './schedule-registry';
import type { LrScheduleName } from '../../protocol/run-config';
import type { ScheduleShape } from './schedule-shape';
import { warmupMultiplier } from './warmup';

/**
 * f(s) for schedule `name` (not `plateau`, which has no step formula; see `LrScheduler`).
 * - s < W: s / max(1, W), unfloored, so step 0 runs at LR 0 when W > 0 (HF and FoldTree2 do the same).
 * - s ≥ W: max(decay(s), min(lrMin, baseLr) / baseLr). The floor is FoldTree2's `--lr-min` (which FoldTree2
 *   parses and ignores); it never lifts a group above its own base LR, and 0 (the default) disables it.
 * @param step optimizer steps already taken (integer ≥ 0); the LR returned is the one for the next update.
 * @param baseLr the group's base LR (absolute, ≥ 0).
 * @param lrMin absolute LR floor (≥ 0).
 */
export function lrMultiplier(
  name: Exclude<LrScheduleName, 'plateau'>,
  step: number,
  shape: ScheduleShape,
  baseLr: number,
  lrMin = 0,
): number {
  assertNonNegativeInteger(step, 'step');
  if (step < shape.warmupSteps) return warmupMultiplier(step, shape.warmupSteps);
  const entry = LR_SCHEDULES[name];
  if (entry.kind !== 'step') throw new Error(`schedule ${name} has no step formula`);
  return floorMultiplier(entry.decay(step, shape, baseLr), baseLr, lrMin);
}

/** max(f, min(lrMin, baseLr) / baseLr): the multiplier that keeps base·f at or above the floor. */
export function floorMultiplier(multiplier: number, baseLr: number, lrMin: number): number {
  if (!(lrMin >= 0)) throw new RangeError(`lrMin must be ≥ 0, got ${String(lrMin)}`);
  if (baseLr <= 0 || lrMin === 0) return multiplier;
  return Math.max(multiplier, Math.min(lrMin, baseLr) / baseLr);
}
