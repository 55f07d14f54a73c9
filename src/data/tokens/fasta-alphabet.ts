/**
 * FoldTree2's encoded-FASTA alphabet (docs/encoded-fasta.md): code c is the character U+(c+1), except the ten
 * characters that would break FASTA, Newick/NEXUS or aligner input, which move to the top of Latin-1. Alignment and
 * tree tools downstream of FoldTree2 read exactly these characters, so the mapping is fixed, not configurable.
 */

/** Characters FASTA and tree files cannot carry, and where FoldTree2 puts them instead. */
export const REPLACED_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['\u0000', '\u00f6'],
  ['"', '\u00f8'],
  ['#', '\u00f7'],
  ['>', '\u00f9'],
  ['=', '\u00fa'],
  ['<', '\u00fb'],
  ['-', '\u00fc'],
  [' ', '\u00fd'],
  ['\r', '\u00fe'],
  ['\n', '\u00ff'],
]);

/**
 * Codes 0 … MAX_CODES − 1 map to distinct characters: c + 1 stays below U+00F6, the first replacement target, so no
 * shifted code collides with a replaced character.
 */
export const MAX_CODES = 0xf5;

/** The character of `code` (0-based). Throws for a code the alphabet cannot hold. */
export function codeCharacter(code: number): string {
  if (!Number.isInteger(code) || code < 0 || code >= MAX_CODES)
    throw new Error(`token ${code} has no encoded-FASTA character (0 … ${MAX_CODES - 1})`);
  const shifted = String.fromCharCode(code + 1);
  return REPLACED_CHARACTERS.get(shifted) ?? shifted;
}

const REVERSE = new Map([...REPLACED_CHARACTERS].map(([from, to]) => [to, from]));

/** The code of one encoded-FASTA character (inverse of `codeCharacter`). */
export function characterCode(character: string): number {
  const shifted = REVERSE.get(character) ?? character;
  const code = shifted.charCodeAt(0) - 1;
  if (shifted.length !== 1 || code < 0 || code >= MAX_CODES)
    throw new Error(`${JSON.stringify(character)} is not an encoded-FASTA token character`);
  return code;
}

/** One protein's codes as its encoded-FASTA sequence. */
export function encodeCodes(codes: readonly number[]): string {
  let text = '';
  for (const code of codes) text += codeCharacter(code);
  return text;
}

/** The codes of an encoded-FASTA sequence. */
export function decodeCharacters(sequence: string): number[] {
  return [...sequence].map(characterCode);
}
