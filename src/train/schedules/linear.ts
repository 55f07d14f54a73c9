/** HF `get_linear_schedule_with_warmup` after warm-up: f = max(0, (T − s) / max(1, T − W)); 0 from step T on. */
import type { DecayMultiplier } from './schedule-shape';

export const linearDecay: DecayMultiplier = (step, shape) =>
  Math.max(0, (shape.totalSteps - step) / Math.max(1, shape.totalSteps - shape.warmupSteps));
