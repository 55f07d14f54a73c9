import { describe, expect, it } from 'vitest';
import type { EdgeList, NodeMatrix, NodeTypeName, ProteinGraph } from '../../protocol/protein-graph';
import { DEFAULT_BATCH_NODE_TYPES } from './batch-types';
import { cropWindow } from './crop-window';
import { padBatch } from './pad-batch';

/** Column counts for the hand-built graphs (small, but distinct per type). */
const COLS: Record<NodeTypeName, number> = {
  res: 4,
  AA: 3,
  coords: 3,
  R_true: 9,
  t_true: 3,
  bondangles: 3,
  plddt: 1,
  positions: 2,
  ss: 3,
  fourier1dr: 2,
  fourier1di: 2,
  fourier2dr: 5,
  fourier2di: 5,
};
const TYPES = Object.keys(COLS) as NodeTypeName[];
const ONE_ROW = new Set<NodeTypeName>(['fourier2dr', 'fourier2di']);

/** A value that names its own origin (type, protein tag, row, column); exact in float32. */
const value = (type: NodeTypeName, tag: number, row: number, col: number): number =>
  TYPES.indexOf(type) * 100_000 + tag * 10_000 + row * 10 + col + 1;

function matrix(type: NodeTypeName, tag: number, rows: number): NodeMatrix {
  const cols = COLS[type];
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = value(type, tag, r, c);
  return { data, rows, cols };
}

/** Contacts i→j for a deterministic scatter of pairs; distance 2 + i/8 + j/64 (exact in float32). */
function contacts(length: number): EdgeList {
  const src: number[] = [];
  const dst: number[] = [];
  const attr: number[] = [];
  for (let i = 0; i < length; i++) {
    for (let j = 0; j < length; j++) {
      if (i !== j && (i * 7 + j * 3) % 4 === 0) [src.push(i), dst.push(j), attr.push(2 + i / 8 + j / 64)];
    }
  }
  return { index: Int32Array.from([...src, ...dst]), count: src.length, attr: Float32Array.from(attr) };
}

function graph(
  id: string,
  tag: number,
  length: number,
  plddtSource: ProteinGraph['plddtSource'] = 'bfactor',
): ProteinGraph {
  const nodes: Partial<Record<NodeTypeName, NodeMatrix>> = {};
  for (const t of TYPES) nodes[t] = matrix(t, tag, ONE_ROW.has(t) ? 1 : length);
  return {
    id,
    length,
    sequence: 'ACDEFGHIKLMNPQRSTVWY'.repeat(3).slice(0, length),
    plddtSource,
    contactCutoff: 15,
    nodes,
    edges: { res_contactPoints_res: contacts(length) },
  };
}

/** Brute force: the distance of edge src→dst in the original list, or null when there is none. */
function findEdge(g: ProteinGraph, src: number, dst: number): number | null {
  const e = g.edges.res_contactPoints_res;
  if (e === undefined) return null;
  let found: number | null = null;
  for (let k = 0; k < e.count; k++) if (e.index[k] === src && e.index[e.count + k] === dst) found = e.attr?.[k] ?? null;
  return found;
}

describe('padBatch', () => {
  const graphs = [graph('long_A', 1, 11), graph('short_B', 2, 4), graph('fit_C', 3, 6)];
  const maxLength = 6;

  it('crops, pads and fills every per-residue type, mask and contact tensor (brute-force check, 8 epochs)', () => {
    const starts = new Set<number>();
    for (let epoch = 0; epoch < 8; epoch++) {
      const batch = padBatch(graphs, { maxLength, seed: 17, epoch });
      const L = batch.paddedLength;
      expect(batch.batchSize).toBe(3);
      expect(L).toBe(6);
      expect(batch.ids).toEqual(['long_A', 'short_B', 'fit_C']);
      expect([...batch.lengths]).toEqual([6, 4, 6]);
      expect([...batch.fullLengths]).toEqual([11, 4, 6]);
      expect(Object.keys(batch.residueFeatures).sort()).toEqual([...DEFAULT_BATCH_NODE_TYPES].sort());
      expect(batch.proteinFeatures).toEqual({});
      graphs.forEach((g, b) => {
        const start = cropWindow(g.length, maxLength, 17, epoch, g.id).start;
        expect(batch.cropStarts[b]).toBe(start);
        if (b === 0) starts.add(start);
        const n = batch.lengths[b] ?? 0;
        expect(batch.sequences[b]).toBe(g.sequence.slice(start, start + n));
        for (let i = 0; i < L; i++) {
          expect(batch.residueMask[b * L + i]).toBe(i < n ? 1 : 0);
          for (const type of DEFAULT_BATCH_NODE_TYPES) {
            const f = batch.residueFeatures[type];
            expect(f?.cols).toBe(COLS[type]);
            for (let c = 0; c < COLS[type]; c++) {
              expect(f?.data[(b * L + i) * COLS[type] + c]).toBe(i < n ? value(type, b + 1, start + i, c) : 0);
            }
          }
        }
        let edges = 0;
        for (let i = 0; i < L; i++) {
          for (let j = 0; j < L; j++) {
            const d = i < n && j < n ? findEdge(g, start + i, start + j) : null;
            const cell = (b * L + i) * L + j;
            expect(batch.contactMask[cell]).toBe(d === null ? 0 : 1);
            expect(batch.contactDistance[cell]).toBe(d ?? 0);
            if (d !== null) edges++;
          }
        }
        expect(batch.contactCounts[b]).toBe(edges);
      });
    }
    expect(starts.size).toBeGreaterThan(2); // the long chain really moved its window across epochs
  });

  it('flags the proteins whose plddt column is model confidence', () => {
    const mixed = [graph('af_A', 1, 5, 'plddt'), graph('xray_A', 2, 5, 'bfactor'), graph('nmr_A', 3, 5, 'unknown')];
    expect([...padBatch(mixed, { maxLength, seed: 1, epoch: 0 }).plddtIsConfidence]).toEqual([1, 0, 0]);
  });

  it('drops edges crossing the window and renumbers the rest (hand-checked case)', () => {
    const g = graph('x', 1, 8);
    const edges: EdgeList = {
      index: Int32Array.from([2, 3, 5, 6, 3, 2, 7, 5]),
      count: 4,
      attr: Float32Array.from([4, 5, 6, 7]),
    };
    const [probe] = Array.from({ length: 200 }, (_, seed) => seed).filter(
      (seed) => cropWindow(8, 4, seed, 0, 'x').start === 2,
    );
    expect(probe).toBeDefined();
    const batch = padBatch([{ ...g, edges: { res_contactPoints_res: edges } }], {
      maxLength: 4,
      seed: probe ?? 0,
      epoch: 0,
    });
    // Edges 2→3 (4 Å), 3→2 (5 Å), 5→7, 6→5. Window [2, 6): 2→3 becomes 0→1, 3→2 becomes 1→0; 5→7 and 6→5 cross out.
    expect(batch.cropStarts[0]).toBe(2);
    const ones = [...batch.contactMask].flatMap((m, cell) => (m === 1 ? [[Math.floor(cell / 4), cell % 4]] : []));
    expect(ones).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(batch.contactDistance[1]).toBe(4);
    expect(batch.contactDistance[4]).toBe(5);
    expect([...batch.contactCounts]).toEqual([2]);
  });

  it('stacks one-row types as B×C and includes only the requested types', () => {
    const batch = padBatch(graphs, { maxLength, seed: 1, epoch: 0, nodeTypes: ['AA', 'fourier2dr', 'fourier2di'] });
    expect(Object.keys(batch.residueFeatures)).toEqual(['AA']);
    expect(Object.keys(batch.proteinFeatures).sort()).toEqual(['fourier2di', 'fourier2dr']);
    const f = batch.proteinFeatures.fourier2dr;
    expect(f?.cols).toBe(5);
    expect([...(f?.data ?? [])]).toEqual(
      [1, 2, 3].flatMap((tag) => [0, 1, 2, 3, 4].map((c) => value('fourier2dr', tag, 0, c))),
    );
  });

  it('never crops with maxLength Infinity, and counts a duplicated edge once (last distance wins)', () => {
    const g = graph('dup', 1, 3);
    const edges: EdgeList = { index: Int32Array.from([0, 0, 1, 1]), count: 2, attr: Float32Array.from([3, 9]) };
    const batch = padBatch([graph('big', 2, 40), { ...g, edges: { res_contactPoints_res: edges } }], {
      maxLength: Number.POSITIVE_INFINITY,
      seed: 0,
      epoch: 0,
      nodeTypes: ['plddt'],
    });
    expect(batch.paddedLength).toBe(40);
    expect([...batch.cropStarts]).toEqual([0, 0]);
    expect(batch.contactCounts[1]).toBe(1);
    expect(batch.contactDistance[40 * 40 + 1]).toBe(9);
  });

  it('names the protein and key on bad input', () => {
    const opts = { maxLength: 8, seed: 0, epoch: 0 };
    const g = graph('9xyz_A', 1, 5);
    const { plddt: _dropped, ...withoutPlddt } = g.nodes;
    expect(() => padBatch([], opts)).toThrow(/no proteins/);
    expect(() => padBatch([{ ...g, nodes: withoutPlddt }], opts)).toThrow(/protein 9xyz_A has no node type 'plddt'/);
    expect(() =>
      padBatch(
        [g, { ...graph('b', 2, 5), nodes: { ...g.nodes, ss: { data: new Float32Array(20), rows: 5, cols: 4 } } }],
        opts,
      ),
    ).toThrow(/node 'ss' has 4 columns in b but 3 in 9xyz_A/);
    expect(() => padBatch([{ ...g, nodes: { ...g.nodes, AA: matrix('AA', 1, 4) } }], opts)).toThrow(
      /9xyz_A node 'AA' is 4×3 .* expected 5 row/,
    );
    expect(() => padBatch([{ ...g, edges: {} }], opts)).toThrow(/9xyz_A has no res_contactPoints_res edges/);
    const bad: EdgeList = { index: Int32Array.from([0, 5]), count: 1, attr: Float32Array.from([1]) };
    expect(() => padBatch([{ ...g, edges: { res_contactPoints_res: bad } }], opts)).toThrow(
      /9xyz_A contact edge 0 \(0→5\) is outside its 5 residues/,
    );
    const noAttr: EdgeList = { index: Int32Array.from([0, 1]), count: 1 };
    expect(() => padBatch([{ ...g, edges: { res_contactPoints_res: noAttr } }], opts)).toThrow(
      /9xyz_A res_contactPoints_res needs 1 distances/,
    );
    expect(() => padBatch([{ ...g, length: 0, sequence: '' }], opts)).toThrow(/9xyz_A has no residues/);
    expect(() => padBatch([g], { ...opts, nodeTypes: ['AA', 'AA'] })).toThrow(/'AA' requested twice/);
    expect(() => padBatch([g], { ...opts, maxLength: 0 })).toThrow(/padBatch maxLength/);
  });
});
