/**
 * `npm run encode -- --weights W --dataset X.h5 -o out.fasta`: a trained tokenizer over every protein of a dataset
 * (or of PDB / mmCIF files), in Node on the tfjs CPU backend, with a progress bar. Writes the encoded FASTA, the
 * per-residue table and the token table beside it, and ends with what was encoded and what was skipped, and why.
 * The same code as the page's encode worker (src/train/encode/), so the files equal the page's for the same weights.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { resolveConfig } from './train/resolve-config';
import { encodeDataset, encodeOutputs } from '../src/train/encode/encode-dataset';
import { loadEncodeModel } from '../src/train/encode/encode-model';
import { companionPaths, ENCODE_USAGE, parseEncodeArgs, UsageError, type EncodeArgs } from './encode/encode-args';
import { openEncodeSource } from './encode/encode-source';
import { formatSkipped } from './build-dataset';
import { ProgressBar } from './progress-bar';

export interface EncodeReport {
  readonly proteins: number;
  readonly residues: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly matchedBy: string;
  readonly files: readonly string[];
}

export async function runEncode(args: EncodeArgs, quiet = false): Promise<EncodeReport> {
  const started = performance.now();
  const paths = companionPaths(args.output);
  for (const path of [args.output, paths.table, paths.tokens]) {
    if (existsSync(path) && !args.overwrite) throw new Error(`${path} exists; add --overwrite to replace it`);
  }
  if (!existsSync(args.weights)) throw new Error(`${args.weights}: no such file`);
  const bytes = readFileSync(args.weights);
  const weights = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const config = args.config
    ? resolveConfig(readFileSync(args.config, 'utf8'), basename(args.config), []).config
    : null;
  await tf.setBackend('cpu');
  await tf.ready();
  let building: ProgressBar | undefined;
  const opened = await openEncodeSource(args.inputs, (done, total, name) => {
    if (quiet) return;
    building ??= new ProgressBar(total);
    building.update(done + 1, `building ${name}`);
  });
  building?.finish();
  try {
    const model = loadEncodeModel(weights, basename(args.weights), config, opened.source.inputWidth);
    try {
      const progress = quiet ? undefined : new ProgressBar(opened.source.proteinIds.length);
      const { encodings, skipped } = await encodeDataset(model, opened.source, {
        seed: model.config.data.seed,
        onProgress: (done, _total, id) => progress?.update(done, id),
      });
      progress?.finish();
      if (encodings.length === 0)
        throw new Error(
          `no protein could be encoded; nothing written\n${formatSkipped([...opened.skipped, ...skipped])}`,
        );
      mkdirSync(dirname(args.output), { recursive: true });
      const outputs = encodeOutputs(encodings, model.modelConfig.quantizer.codes, null);
      writeFileSync(args.output, outputs.fasta, 'utf8');
      writeFileSync(paths.table, outputs.table, 'utf8');
      writeFileSync(paths.tokens, outputs.tokensCsv, 'utf8');
      const all = [...opened.skipped, ...skipped];
      if (!quiet && all.length > 0) console.log(`Skipped ${all.length}:\n${formatSkipped(all)}`);
      return {
        proteins: encodings.length,
        residues: encodings.reduce((sum, e) => sum + e.codes.length, 0),
        skipped: all.length,
        seconds: (performance.now() - started) / 1000,
        matchedBy: model.matchedBy,
        files: [args.output, paths.table, paths.tokens],
      };
    } finally {
      model.dispose();
    }
  } finally {
    opened.close();
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseEncodeArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`encode: ${error.message}\n\n${ENCODE_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(ENCODE_USAGE);
    return 0;
  }
  try {
    const report = await runEncode(args);
    console.log(
      `Encoded ${report.proteins} proteins (${report.residues} residues) with ${basename(args.weights)} (${report.matchedBy}) in ${report.seconds.toFixed(1)} s, ${report.skipped} skipped → ${report.files.join(', ')}`,
    );
    return 0;
  } catch (error) {
    console.error(`encode: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
