/** When the token strip asks the trainers for fresh tokens while a run trains. */

/** Optimizer steps between two automatic refreshes of the token strip. */
export const STRIP_REFRESH_STEPS = 10;

/**
 * The block of `every` steps the latest `step` falls in, when tokens should be asked for now: at the run's first
 * point and whenever the step crosses a multiple of `every` (a new run, counting from 1 again, asks afresh).
 * `asked` is the block of the last request (−1 for none); null: nothing to ask.
 */
export function stripRequestDue(asked: number, step: number, every = STRIP_REFRESH_STEPS): number | null {
  if (step < 1) return null;
  const block = Math.floor(step / every);
  return block !== asked ? block : null;
}
