/**
 * HF `get_polynomial_decay_schedule_with_warmup` after warm-up, per group:
 *   lr(s) = (base − lrEnd)·(1 − p)^power + lrEnd for W ≤ s ≤ T, lrEnd after T; f = lr(s) / base.
 * Differences from HF, both fixes:
 * - HF reads one `optimizer.defaults['lr']` for every group, which is wrong for groups with different LRs and
 *   raises KeyError under FoldTree2's MuonWithAuxAdam (foldtree2-reference §7.18); here each group uses its own base.
 * - HF divides by T − W, which raises ZeroDivisionError when T = W; here the denominator is max(1, T − W) like
 *   the other HF schedules.
 */
import { decayProgress, type DecayMultiplier } from './schedule-shape';

export const polynomialDecay: DecayMultiplier = (step, shape, baseLr) => {
  if (shape.lrEnd === 0) return step > shape.totalSteps ? 0 : (1 - decayProgress(step, shape)) ** shape.power;
  if (!(baseLr > shape.lrEnd)) {
    throw new RangeError(`polynomial schedule: lrEnd (${shape.lrEnd}) must be below the group's base LR (${baseLr})`);
  }
  if (step > shape.totalSteps) return shape.lrEnd / baseLr;
  const remaining = 1 - decayProgress(step, shape);
  return ((baseLr - shape.lrEnd) * remaining ** shape.power + shape.lrEnd) / baseLr;
};
