/**
 * The `ss` node of built graphs against mkdssp 4.2.2 (fixtures/structures/dssp3.tsv): checks the wiring from
 * parser through DSSP to the one-hot columns [loop, helix, strand], end to end. The builder runs DSSP on one
 * chain at a time, so strands paired with another chain of an oligomer can differ from mkdssp's whole-file run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixture } from '../structure/fixture-files.node';
import { buildProteinGraphs } from './build-protein-graphs';

const LETTERS = ['-', 'H', 'E'];

/** 3-state letters of the graph's `ss` one-hot rows. */
function ssString(data: Float32Array, rows: number): string {
  let out = '';
  for (let r = 0; r < rows; r++) {
    const hot = [0, 1, 2].filter((c) => data[3 * r + c] === 1);
    out += hot.length === 1 ? LETTERS[hot[0] ?? 0] : '?';
  }
  return out;
}

/**
 * Row of the graph for each DSSP residue: DSSP lists a subsequence of our rows (it leaves out residues without a
 * full backbone and HETATM ones such as MSE, which we keep as MET), so match it greedily in order.
 */
function alignSubsequence(dsspSequence: string, graphSequence: string): number[] | null {
  const rows: number[] = [];
  let g = 0;
  for (const letter of dsspSequence) {
    while (g < graphSequence.length && graphSequence[g] !== letter) g++;
    if (g === graphSequence.length) return null;
    rows.push(g++);
  }
  return rows;
}

describe('built graphs: ss one-hot vs mkdssp', () => {
  it('agrees on ≥ 97% of residues over ≥ 100 chains', async () => {
    const rows = readFileSync(fixturePath('dssp3.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    let same = 0;
    let total = 0;
    let chains = 0;
    const unaligned: string[] = [];
    const builds = new Map<string, Awaited<ReturnType<typeof buildProteinGraphs>>>();
    for (const [path = '', chain = '', , , aa = '', ss3 = ''] of rows) {
      if (chain.length !== 1) continue; // mkdssp truncated the ribosome's two-letter chain ids
      const fileName = path.split('/').pop() ?? path;
      const built = builds.get(path) ?? (await buildProteinGraphs(fileName, readFixture(path)));
      builds.set(path, built);
      // mkdssp calls a blank chain id 'A'; our id is then the bare file stem.
      const graph =
        built.graphs.find((g) => g.id.endsWith(`_${chain}`)) ??
        (chain === 'A' ? built.graphs.find((g) => !g.id.includes('_')) : undefined);
      const ss = graph?.nodes['ss'];
      if (!graph || !ss) continue; // CA-only or too short: refused by the builder with a reason
      const aligned = alignSubsequence(aa, graph.sequence);
      if (!aligned) {
        unaligned.push(`${path}:${chain}`);
        continue;
      }
      const ours = ssString(ss.data, ss.rows);
      aligned.forEach((row, k) => {
        total++;
        if (ours[row] === ss3[k]) same++;
      });
      chains++;
    }
    const agreement = same / total;
    console.log(
      `built ss vs mkdssp: ${same}/${total} residues = ${agreement.toFixed(4)} over ${chains} chains; unaligned: ${unaligned.join(', ') || 'none'}`,
    );
    expect(chains).toBeGreaterThanOrEqual(100);
    expect(agreement).toBeGreaterThanOrEqual(0.97);
    expect(unaligned).toEqual([]);
  });
});
