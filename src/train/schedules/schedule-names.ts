/**
 * Learning-rate schedule names, defined once. They are FoldTree2's `--lr-schedule` choices spelled exactly as its
 * CLI spells them, so a FoldTree2 YAML maps onto them without a table.
 */

export const LR_SCHEDULE_NAMES = ['plateau', 'cosine', 'linear', 'cosine_restarts', 'polynomial', 'none'] as const;
export type LrScheduleName = (typeof LR_SCHEDULE_NAMES)[number];

/** Narrows a string from a config file or the UI to a schedule name. */
export function isLrScheduleName(value: unknown): value is LrScheduleName {
  return typeof value === 'string' && (LR_SCHEDULE_NAMES as readonly string[]).includes(value);
}
