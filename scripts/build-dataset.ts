/**
 * `npm run build-dataset -- <files or folders...> -o out.h5`: PDB / mmCIF files → one FoldTree2-layout HDF5 file,
 * with a progress bar and a summary of what was built and what was skipped, and why.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseAaindexCsv, type AaindexTable } from '../src/data/build/aaindex-table';
import { buildStructureFiles } from '../src/data/build/build-structure-files';
import { summarizeHdf5Error } from '../src/data/hdf5/structs-error';
import { foldtree2ExactGraph } from '../src/data/build/foldtree2-exact-graph';
import type { ProteinGraph, SkippedItem } from '../src/protocol/protein-graph';
import { BUILD_DATASET_USAGE, parseBuildDatasetArgs, UsageError, type BuildDatasetArgs } from './build-dataset-args';
import { checkOutputPath } from './build-dataset-output';
import { collectStructureFiles } from './collect-structure-files';
import { ProgressBar } from './progress-bar';
import { writeStructsFile } from './write-structs-file';

export interface BuildDatasetReport {
  readonly built: readonly ProteinGraph[];
  readonly skipped: readonly SkippedItem[];
  readonly files: number;
  readonly seconds: number;
}

/** Builds every file and writes the HDF5 output. */
export async function buildDataset(args: BuildDatasetArgs, progress?: ProgressBar): Promise<BuildDatasetReport> {
  const started = performance.now();
  const files = collectStructureFiles(args.inputs);
  if (files.length === 0)
    throw new Error(`no .pdb / .ent / .cif / .mmcif files (plain or .gz) in ${args.inputs.join(', ')}`);
  checkOutputPath(args.output, files, args.overwrite);
  const options = {
    contactCutoff: args.contactCutoff,
    ...(args.maxResidues ? { maxResidues: args.maxResidues } : {}),
    ...(args.chain ? { chain: args.chain } : {}),
  };
  const inputs = files.map((path) => ({
    name: basename(path),
    label: path,
    bytes: async () => new Uint8Array(readFileSync(path)),
  }));
  const { graphs: built, skipped } = await buildStructureFiles(inputs, options, (k, input) =>
    progress?.update(k, input.name),
  );
  progress?.update(files.length, 'writing HDF5');
  progress?.finish();
  if (built.length === 0)
    throw new Error(
      `no protein could be built from ${files.length} file(s); nothing written\n${formatSkipped(skipped)}`,
    );
  const graphs = args.foldtree2Exact ? built.map((graph) => foldtree2ExactGraph(graph, foldtree2Aaindex())) : built;
  try {
    await writeStructsFile(args.output, graphs, {
      contactCutoff: args.contactCutoff,
      compact: !args.foldtree2Exact,
      foldtree2Exact: args.foldtree2Exact,
      builderSettings: { maxResidues: args.maxResidues ?? null, chain: args.chain ?? null, sourceFiles: files.length },
    });
  } catch (error) {
    // HDF5's own error stack is many lines; its most specific one says what went wrong.
    throw new Error(`${args.output} could not be written: ${summarizeHdf5Error(error)}`);
  }
  return { built, skipped, files: files.length, seconds: (performance.now() - started) / 1000 };
}

/** FoldTree2's AAindex1 table, shipped in src/data/build/foldtree2/ (read once). */
let aaindex: AaindexTable | undefined;
function foldtree2Aaindex(): AaindexTable {
  aaindex ??= parseAaindexCsv(
    readFileSync(new URL('../src/data/build/foldtree2/aaindex1.csv', import.meta.url), 'utf8'),
  );
  return aaindex;
}

export function formatSkipped(skipped: readonly SkippedItem[]): string {
  return skipped.map((item) => `  - ${item.source}: ${item.reason}`).join('\n');
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseBuildDatasetArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`build-dataset: ${error.message}\n\n${BUILD_DATASET_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(BUILD_DATASET_USAGE);
    return 0;
  }
  try {
    const report = await buildDataset(args, new ProgressBar(collectStructureFiles(args.inputs).length));
    const residues = report.built.reduce((sum, g) => sum + g.length, 0);
    console.log(
      `Built ${report.built.length} proteins (${residues} residues) from ${report.files} files in ${report.seconds.toFixed(1)} s → ${args.output}`,
    );
    if (report.skipped.length > 0) console.log(`Skipped ${report.skipped.length}:\n${formatSkipped(report.skipped)}`);
    return 0;
  } catch (error) {
    console.error(`build-dataset: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
