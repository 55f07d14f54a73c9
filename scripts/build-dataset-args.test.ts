import { describe, expect, test } from 'vitest';
import { parseBuildDatasetArgs, UsageError } from './build-dataset-args';

describe('parseBuildDatasetArgs', () => {
  test('reads inputs, output and every option', () => {
    expect(
      parseBuildDatasetArgs([
        'a.pdb',
        'dir',
        '-o',
        'out.h5',
        '--contact-cutoff',
        '8',
        '--max-residues',
        '500',
        '--chain',
        'B',
        '--overwrite',
        '--foldtree2-exact',
      ]),
    ).toEqual({
      inputs: ['a.pdb', 'dir'],
      output: 'out.h5',
      contactCutoff: 8,
      maxResidues: 500,
      chain: 'B',
      overwrite: true,
      foldtree2Exact: true,
    });
  });

  test('defaults: 15 Å contacts, no length limit, every chain', () => {
    expect(parseBuildDatasetArgs(['x.cif.gz', '--output', 'o.h5'])).toMatchObject({
      contactCutoff: 15,
      maxResidues: undefined,
      chain: undefined,
      overwrite: false,
      foldtree2Exact: false,
    });
  });

  test('help wins over everything else', () => {
    expect(parseBuildDatasetArgs(['--help'])).toBe('help');
  });

  test.each([
    [['-o', 'o.h5'], /at least one structure/],
    [['a.pdb'], /-o out\.h5/],
    [['a.pdb', '-o', 'o.h5', '--max-residues', '2.5'], /--max-residues needs a positive integer, got '2.5'/],
    [['a.pdb', '-o', 'o.h5', '--contact-cutoff', '-3'], /--contact-cutoff needs a positive number/],
    [['a.pdb', '-o', 'o.h5', '--contact-cutof', '3'], /unknown option '--contact-cutof'/],
    [['a.pdb', '-o'], /-o needs a file name/],
  ])('%j is refused with a message naming the problem', (argv, message) => {
    expect(() => parseBuildDatasetArgs(argv)).toThrow(UsageError);
    expect(() => parseBuildDatasetArgs(argv)).toThrow(message);
  });
});
