import { describe, expect, it } from 'vitest';
import { companionPaths, parseEncodeArgs, UsageError } from './encode-args';

describe('npm run encode arguments', () => {
  it('reads weights, a dataset or structure files, and the output', () => {
    expect(parseEncodeArgs(['--weights', 'w.safetensors', '--dataset', 'x.h5', '-o', 'out.fasta'])).toEqual({
      weights: 'w.safetensors',
      inputs: ['x.h5'],
      output: 'out.fasta',
      config: undefined,
      overwrite: false,
    });
    expect(
      parseEncodeArgs(['--weights', 'w.ftsckpt', 'a.pdb', 'dir', '-o', 'o.fa', '--overwrite', '--config', 'run.yaml']),
    ).toMatchObject({ inputs: ['a.pdb', 'dir'], overwrite: true, config: 'run.yaml' });
    expect(parseEncodeArgs(['-h'])).toBe('help');
  });

  it('names what is missing or wrong', () => {
    expect(() => parseEncodeArgs(['--dataset', 'x.h5', '-o', 'o.fasta'])).toThrow(
      new UsageError('--weights is required'),
    );
    expect(() => parseEncodeArgs(['--weights', 'w', '--dataset', 'x.h5'])).toThrow(/-o out.fasta/);
    expect(() => parseEncodeArgs(['--weights', 'w', '-o', 'o.fasta'])).toThrow(/--dataset/);
    expect(() => parseEncodeArgs(['--weights', '-o'])).toThrow(/--weights needs a file name/);
    expect(() => parseEncodeArgs(['--weights', 'w', '--frobnicate'])).toThrow(/unknown option --frobnicate/);
    expect(() => parseEncodeArgs(['--weights', 'w', '-o', 'o', 'a.h5', 'b.h5'])).toThrow(/one .h5/);
  });

  it('puts the tables beside the FASTA', () => {
    expect(companionPaths('runs/out.fasta')).toEqual({ table: 'runs/out.tsv', tokens: 'runs/out.tokens.csv' });
    expect(companionPaths('x')).toEqual({ table: 'x.tsv', tokens: 'x.tokens.csv' });
  });
});
