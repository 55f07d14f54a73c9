/**
 * A fixed categorical palette for structural tokens: hues a golden angle (≈137.5°) apart, so codes next to each
 * other in the codebook get far-apart colours, with lightness alternating in three steps so codes whose hues land
 * close (every ~8th) still differ. Depends only on the code, so a token keeps its colour across steps and runs.
 */

const GOLDEN_ANGLE = 137.508;
const LIGHTNESS = [46, 62, 36] as const;

/** CSS colour of `code` (0-based). */
export function tokenColor(code: number): string {
  const hue = (code * GOLDEN_ANGLE) % 360;
  const lightness = LIGHTNESS[code % LIGHTNESS.length] ?? 50;
  return `hsl(${hue.toFixed(1)} 68% ${lightness}%)`;
}

/** Colours of codes 0 … `codebookSize` − 1. */
export function tokenPalette(codebookSize: number): string[] {
  return Array.from({ length: Math.max(0, codebookSize) }, (_, code) => tokenColor(code));
}

/** Text colour readable on `tokenColor(code)`. */
export function tokenTextColor(code: number): string {
  return (LIGHTNESS[code % LIGHTNESS.length] ?? 50) > 55 ? '#1d2430' : '#fff';
}
