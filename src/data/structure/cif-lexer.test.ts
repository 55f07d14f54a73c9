import { describe, expect, it } from 'vitest';
import { CifLexer } from './cif-lexer';

function tokens(text: string): [string, boolean, number][] {
  const lexer = new CifLexer(text);
  const out: [string, boolean, number][] = [];
  while (lexer.next()) out.push([lexer.value, lexer.quoted, lexer.line]);
  return out;
}

describe('CifLexer', () => {
  it('splits bare words and skips comments', () => {
    expect(tokens('data_x # comment\n_a.b 1.5 # more\n')).toEqual([
      ['data_x', false, 1],
      ['_a.b', false, 2],
      ['1.5', false, 2],
    ]);
  });

  it('reads quoted strings, where a quote only closes before whitespace', () => {
    expect(tokens(`"O5'" 'N'-methyl' 'a b'\t"x"`)).toEqual([
      ["O5'", true, 1],
      ["N'-methyl", true, 1],
      ['a b', true, 1],
      ['x', true, 1],
    ]);
  });

  it('reads semicolon text fields only at line starts, counting their lines', () => {
    const text = '_t\n;line one\nline two\n;\nnext a;b\n';
    expect(tokens(text)).toEqual([
      ['_t', false, 1],
      ['line one\nline two', true, 2],
      ['next', false, 5],
      ['a;b', false, 5],
    ]);
  });

  it('marks quoted values so they are never read as tags or nulls', () => {
    expect(tokens(`'_not_a_tag' ? '?'`)).toEqual([
      ['_not_a_tag', true, 1],
      ['?', false, 1],
      ['?', true, 1],
    ]);
  });
});
