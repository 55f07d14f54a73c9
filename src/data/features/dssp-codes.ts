/** DSSP's per-residue structure codes used internally (the ones that matter for the 3-state reduction). */

/** Anything that is not one of the codes below (DSSP '-', T, S, P). */
export const SS8_LOOP = 0;
/** α-helix, DSSP 'H'. */
export const SS8_ALPHA = 1;
/** 3₁₀-helix, DSSP 'G'. */
export const SS8_310 = 2;
/** π-helix, DSSP 'I'. */
export const SS8_PI = 3;
/** Extended strand in a ladder, DSSP 'E'. */
export const SS8_STRAND = 4;
/** Isolated β-bridge, DSSP 'B'. */
export const SS8_BRIDGE = 5;

/** One-letter DSSP code per internal code, for messages and debugging. */
export const SS8_LETTERS = '-HGIEB';
