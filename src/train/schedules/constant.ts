/**
 * Schedule `none`: the base LR throughout (after warm-up, if one is set; see docs/schedules-and-precision.md).
 * FoldTree2 creates no scheduler at all for `none`, so it also ignores warm-up there.
 */
import type { DecayMultiplier } from './schedule-shape';

export const constantDecay: DecayMultiplier = () => 1;
