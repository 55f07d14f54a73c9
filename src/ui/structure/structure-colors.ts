/**
 * Residue colours of the 3D view: by structural token (the strip's palette, so a token looks the same in both), by
 * pLDDT (AlphaFold's four confidence bands) or by DSSP class. Colours are 0xRRGGBB numbers, as the viewer takes them.
 */
import { tokenColor } from '../teaching/token-colors';

export const COLOR_MODES = ['token', 'plddt', 'ss'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

export const COLOR_MODE_LABELS: Readonly<Record<ColorMode, string>> = {
  token: 'Token',
  plddt: 'pLDDT',
  ss: 'Secondary structure',
};

/** AlphaFold's bands: very high (> 90), confident (70–90), low (50–70), very low (< 50). */
export const PLDDT_BANDS = [
  { label: 'pLDDT > 90', min: 0.9, color: 0x0053d6 },
  { label: '70–90', min: 0.7, color: 0x65cbf3 },
  { label: '50–70', min: 0.5, color: 0xffdb13 },
  { label: '< 50', min: -Infinity, color: 0xff7d45 },
] as const;
/** A residue whose file holds B-factors, not pLDDT. */
export const NO_PLDDT_COLOR = 0xb8bec6;

/** DSSP classes by the `ss` index: loop, helix, strand; unknown (−1) drawn as loop grey. */
export const SS_COLORS = [
  { label: 'Coil (C)', color: 0xa0a8b3 },
  { label: 'Helix (H)', color: 0xd6336c },
  { label: 'Strand (E)', color: 0xf0a202 },
] as const;

/** `hsl(h s% l%)` → 0xRRGGBB. */
export function hslToNumber(css: string): number {
  const match = /hsl\(([\d.]+)\s+([\d.]+)%\s+([\d.]+)%\)/.exec(css);
  if (!match) return 0x808080;
  const h = Number(match[1]) / 360;
  const s = Number(match[2]) / 100;
  const l = Number(match[3]) / 100;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number) => {
    const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0;
    const v = t < 1 / 6 ? p + (q - p) * 6 * t : t < 1 / 2 ? q : t < 2 / 3 ? p + (q - p) * (2 / 3 - t) * 6 : p;
    return Math.round(v * 255);
  };
  return (channel(h + 1 / 3) << 16) | (channel(h) << 8) | channel(h - 1 / 3);
}

export function tokenColorNumber(code: number): number {
  return hslToNumber(tokenColor(code));
}

export function plddtColor(plddt: number | undefined): number {
  if (plddt === undefined) return NO_PLDDT_COLOR;
  return (PLDDT_BANDS.find((band) => plddt > band.min) ?? PLDDT_BANDS[3]).color;
}

export interface ResidueColorInput {
  readonly codes: readonly number[];
  readonly plddt: readonly number[] | null;
  readonly ss?: readonly number[] | undefined;
}

/** One colour per residue under `mode`. */
export function residueColors(input: ResidueColorInput, mode: ColorMode): number[] {
  return input.codes.map((code, k) => {
    switch (mode) {
      case 'token':
        return tokenColorNumber(code);
      case 'plddt':
        return input.plddt ? plddtColor(input.plddt[k]) : NO_PLDDT_COLOR;
      case 'ss':
        return (SS_COLORS[input.ss?.[k] ?? 0] ?? SS_COLORS[0]).color;
    }
  });
}

export const cssHex = (color: number) => `#${color.toString(16).padStart(6, '0')}`;
