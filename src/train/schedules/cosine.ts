/**
 * HF `get_cosine_schedule_with_warmup` (num_cycles 0.5) after warm-up: f = 0.5·(1 + cos πp), p = decay progress.
 * One difference: p is capped at 1, so f stays 0 after step T. HF's lambda is periodic and would climb back
 * (f = 0.5 at p = 1.5); FoldTree2 never steps its scheduler past T, so capping changes none of its runs.
 */
import { decayProgress, type DecayMultiplier } from './schedule-shape';

export const cosineDecay: DecayMultiplier = (step, shape) => {
  const progress = Math.min(1, decayProgress(step, shape));
  return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
};
