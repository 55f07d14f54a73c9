/**
 * HF `get_cosine_with_hard_restarts_schedule_with_warmup` after warm-up: C cosine decays from 1 to 0, each
 * restarting at 1; f = 0 when p ≥ 1, else 0.5·(1 + cos(π·((C·p) mod 1))). C = FoldTree2 `--num-cycles` (3).
 */
import { decayProgress, type DecayMultiplier } from './schedule-shape';

export const cosineRestartsDecay: DecayMultiplier = (step, shape) => {
  const progress = decayProgress(step, shape);
  if (progress >= 1) return 0;
  return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * ((shape.numCycles * progress) % 1))));
};
