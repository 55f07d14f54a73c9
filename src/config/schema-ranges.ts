/** Ranges several config keys share (see `schema-types.ts` for what `open` means). */

/** Upper bound of counts that have no natural limit (epochs, steps). */
export const BIG = 1e9;
/** Largest seed: seeds are unsigned 32-bit integers. */
export const UINT32_MAX = 4294967295;
/** Probabilities, fractions and decay factors. */
export const UNIT = { min: 0, max: 1 } as const;
/** Learning rates: positive, at most 10. */
export const POSITIVE_LR = { min: 0, max: 10, open: 'min' } as const;
/** Loss-term weights. */
export const WEIGHT = { min: 0, max: 1000 } as const;
/** Adam's (β1, β2). */
export const BETA = { min: 0, max: 1, open: 'max', length: 2 } as const;
