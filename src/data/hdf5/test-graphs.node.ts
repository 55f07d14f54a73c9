/**
 * Test support: small hand-made ProteinGraphs with realistic shapes (a CA random walk with 3.8 Å steps) and
 * a temp-file helper. Node-only (`.node.ts`), used by the tests in this folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EdgeList, NodeMatrix, ProteinGraph } from '../../protocol/protein-graph';
import { AMINO_ACIDS, RES_X_WIDTH } from '../../protocol/res-features';
import { backboneEdges } from '../features/backbone-edges';
import { edgeList, pairEdges } from '../features/edge-list';
import { seededUniform } from '../testing/seeded-uniform.node';

function matrix(rows: number, cols: number, fill: (r: number, c: number) => number): NodeMatrix {
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[r * cols + c] = fill(r, c);
  return { data, rows, cols };
}

/** CA trace: each step 3.8 Å in a random direction, biased forward so the chain does not collapse. */
function caTrace(n: number, random: () => number): Float32Array {
  const coords = new Float32Array(n * 3);
  for (let i = 1; i < n; i++) {
    const v = [random() - 0.5 + 0.6, random() - 0.5, random() - 0.5];
    const norm = Math.hypot(v[0] ?? 0, v[1] ?? 0, v[2] ?? 0);
    for (let k = 0; k < 3; k++) coords[i * 3 + k] = (coords[(i - 1) * 3 + k] ?? 0) + (3.8 * (v[k] ?? 0)) / norm;
  }
  return coords;
}

function contactEdges(coords: Float32Array, n: number, cutoff: number): EdgeList {
  const src: number[] = [];
  const dst: number[] = [];
  const dist: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = Math.hypot(
        (coords[i * 3] ?? 0) - (coords[j * 3] ?? 0),
        (coords[i * 3 + 1] ?? 0) - (coords[j * 3 + 1] ?? 0),
        (coords[i * 3 + 2] ?? 0) - (coords[j * 3 + 2] ?? 0),
      );
      if (d < cutoff) [src.push(i), dst.push(j), dist.push(d)];
    }
  }
  return edgeList(src, dst, Float32Array.from(dist));
}

/**
 * A protein of `n` residues with every required node type plus R_true, t_true, fourier2d and an extra
 * `godnode` type; contacts at `cutoff` Å (true distances), a backbone i+1→i, and a godnode edge without attr.
 */
export function makeGraph(id: string, n: number, seed: number, cutoff = 10): ProteinGraph {
  const random = seededUniform(seed);
  const sequence = Array.from({ length: n }, () => AMINO_ACIDS[Math.floor(random() * 20)] ?? 'A').join('');
  const coords = caTrace(n, random);
  const noise = (scale: number) => () => (random() - 0.5) * scale;
  return {
    id,
    length: n,
    sequence,
    plddtSource: 'plddt',
    contactCutoff: cutoff,
    nodes: {
      res: matrix(n, RES_X_WIDTH, noise(4)),
      AA: matrix(n, 20, (r, c) => (AMINO_ACIDS.indexOf(sequence[r] ?? 'A') === c ? 1 : 0)),
      coords: { data: coords, rows: n, cols: 3 },
      R_true: matrix(n, 9, noise(2)),
      t_true: matrix(n, 3, noise(7.6)),
      bondangles: matrix(n, 3, noise(2 * Math.PI)),
      plddt: matrix(n, 1, () => random()),
      positions: matrix(n, 256, (p, c) =>
        c % 2 === 0 ? Math.sin(p * 10 ** (-c / 256)) : Math.cos(p * 10 ** (-(c - 1) / 256)),
      ),
      ss: matrix(n, 3, (_, c) => (c === 0 ? 1 : 0)),
      fourier1dr: matrix(n, 80, noise(100)),
      fourier1di: matrix(n, 80, noise(2 * Math.PI)),
      fourier2dr: matrix(1, 1300, noise(1000)),
      fourier2di: matrix(1, 1300, noise(2 * Math.PI)),
      godnode: matrix(1, 5, () => 1),
    },
    edges: {
      res_contactPoints_res: contactEdges(coords, n, cutoff),
      res_backbone_res: backboneEdges(n).backbone,
      res_informs_godnode: pairEdges(
        Array.from({ length: n }, (_, i) => [i, 0] as const),
        false,
      ),
    },
  };
}

/** A fresh directory under the OS temp dir, and a disposer that removes it. */
export function makeTempDir(prefix: string): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
