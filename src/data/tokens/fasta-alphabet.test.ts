import { describe, expect, it } from 'vitest';
import { characterCode, codeCharacter, decodeCharacters, encodeCodes, MAX_CODES } from './fasta-alphabet';

describe('encoded-FASTA alphabet', () => {
  it('shifts codes by one and moves the characters FASTA and tree files cannot carry', () => {
    expect(codeCharacter(0)).toBe('\u0001');
    expect(codeCharacter(64)).toBe('A');
    expect(codeCharacter(0x21)).toBe('\u00f8'); // '"'
    expect(codeCharacter(0x22)).toBe('\u00f7'); // '#'
    expect(codeCharacter(0x3d)).toBe('\u00f9'); // '>'
    expect(codeCharacter(0x1f)).toBe('\u00fd'); // ' '
    expect(codeCharacter(9)).toBe('\u00ff'); // '\n'
    expect(codeCharacter(12)).toBe('\u00fe'); // '\r'
    expect(codeCharacter(0x2c)).toBe('\u00fc'); // '-'
  });

  it('gives every code its own character, never a line break, ">" or "-", and reads them back', () => {
    const codes = Array.from({ length: MAX_CODES }, (_, c) => c);
    const text = encodeCodes(codes);
    expect(new Set(text).size).toBe(MAX_CODES);
    for (const forbidden of ['\n', '\r', '>', '-', ' ', '"', '#', '<', '='])
      expect(text.includes(forbidden)).toBe(false);
    expect(decodeCharacters(text)).toEqual(codes);
    expect(characterCode('A')).toBe(64);
  });

  it('refuses codes the alphabet cannot hold', () => {
    expect(() => codeCharacter(MAX_CODES)).toThrow(/no encoded-FASTA character/);
    expect(() => codeCharacter(-1)).toThrow();
  });
});
