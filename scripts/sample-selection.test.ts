import { describe, expect, test } from 'vitest';
import { kmerSimilarity, parseManifest, selectSampleChains, type ManifestChain } from './sample-selection';

const chain = (path: string, sequence: string, bColumn = 'B-factor'): ManifestChain => ({
  path,
  chain: 'A',
  residues: sequence.length,
  bColumn,
  sequence,
});

describe('sample selection', () => {
  test('3-mer Jaccard similarity by hand', () => {
    // ABCD → {ABC, BCD}; BCDE → {BCD, CDE}: one shared of three.
    expect(kmerSimilarity(new Set(['ABC', 'BCD']), new Set(['BCD', 'CDE']))).toBeCloseTo(1 / 3);
    expect(kmerSimilarity(new Set(['ABC']), new Set(['ABC']))).toBe(1);
  });

  test('AlphaFold models always; then unrelated families before near-duplicates; budget and length limits hold', () => {
    const familyA = 'MKTAYIAKQRQISFVKSHFSRQ';
    const manifest = [
      chain('af.pdb.gz', 'GSHMLEDPVDAFQLTK'.repeat(40), 'pLDDT'), // 640 residues: over the length cap, kept anyway
      chain('a1.pdb.gz', familyA),
      chain('a2.pdb.gz', `${familyA.slice(0, -1)}W`), // same family
      chain('b1.pdb.gz', 'WWPECCNNHHTTRRGGDDEELL'),
      chain('c1.pdb.gz', 'QQQQPPPPFFFFYYYYIIIIVVVV'),
      chain('long.pdb.gz', 'A'.repeat(500)),
    ];
    const picked = selectSampleChains(manifest, {
      chains: 4,
      residueBudget: 10_000,
      minResidues: 10,
      maxResidues: 400,
    }).map((c) => c.path);
    expect(picked[0]).toBe('af.pdb.gz');
    expect(picked).toHaveLength(4);
    expect(picked).not.toContain('long.pdb.gz');
    expect(picked.filter((p) => /^a\d/.test(p))).toEqual(['a1.pdb.gz']);
    const tight = selectSampleChains(manifest, {
      chains: 10,
      residueBudget: 640 + 30,
      minResidues: 10,
      maxResidues: 400,
    });
    expect(tight.reduce((s, c) => s + c.residues, 0)).toBeLessThanOrEqual(670);
  });

  test('parses manifest.tsv by column name', () => {
    const text =
      'source\tpath\tformat\tmodels\tchain\tn_ca\tb_column\tsequence\npkg\tpkg/x.pdb.gz\tpdb\t1\tB\t3\tpLDDT\tMKV\n';
    expect(parseManifest(text)).toEqual([
      { path: 'pkg/x.pdb.gz', chain: 'B', residues: 3, bColumn: 'pLDDT', sequence: 'MKV' },
    ]);
    expect(() => parseManifest('path\tchain\n')).toThrow(/no 'n_ca' column/);
  });
});
