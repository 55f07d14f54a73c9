import { describe, expect, it } from 'vitest';
import {
  hslToNumber,
  plddtColor,
  residueColors,
  SS_COLORS,
  tokenColorNumber,
  NO_PLDDT_COLOR,
} from './structure-colors';

describe('3D view colours', () => {
  it('converts the strip palette to numbers', () => {
    expect(hslToNumber('hsl(0 100% 50%)')).toBe(0xff0000);
    expect(hslToNumber('hsl(120 100% 50%)')).toBe(0x00ff00);
    expect(hslToNumber('hsl(240 100% 25%)')).toBe(0x000080);
    expect(tokenColorNumber(0)).not.toBe(tokenColorNumber(1));
  });

  it('colours by token, AlphaFold pLDDT band, or DSSP class', () => {
    const input = { codes: [0, 1, 0], plddt: [0.95, 0.6, 0.2], ss: [1, 2, -1] };
    expect(residueColors(input, 'token')).toEqual([tokenColorNumber(0), tokenColorNumber(1), tokenColorNumber(0)]);
    expect(residueColors(input, 'plddt')).toEqual([0x0053d6, 0xffdb13, 0xff7d45]);
    expect(residueColors(input, 'ss')).toEqual([SS_COLORS[1].color, SS_COLORS[2].color, SS_COLORS[0].color]);
    expect(residueColors({ codes: [3], plddt: null }, 'plddt')).toEqual([NO_PLDDT_COLOR]);
    expect(plddtColor(0.75)).toBe(0x65cbf3);
  });
});
