/**
 * The output path of `npm run build-dataset`, checked before a single input is parsed: an hour of parsing must not
 * end in "cannot create file", and `-o` must never name one of the inputs (with `--overwrite` it would be replaced).
 */
import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './build-dataset-args';

const real = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** Throws a `UsageError` (exit 2) naming `output` when it cannot or must not be written; `inputs` are the files found. */
export function checkOutputPath(output: string, inputs: readonly string[], overwrite: boolean): void {
  const target = real(output);
  const input = inputs.find((path) => real(path) === target);
  if (input !== undefined)
    throw new UsageError(`-o ${output} is one of the inputs (${input}); choose another output file`);
  if (existsSync(output)) {
    if (statSync(output).isDirectory())
      throw new UsageError(`-o ${output} is a folder; give a file name such as ${resolve(output, 'structs.h5')}`);
    if (!overwrite) throw new UsageError(`${output} exists; add --overwrite to replace it`);
  }
  const folder = dirname(resolve(output));
  if (!existsSync(folder)) throw new UsageError(`-o ${output}: the folder ${folder} does not exist`);
  if (!statSync(folder).isDirectory()) throw new UsageError(`-o ${output}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
    if (existsSync(output)) accessSync(output, constants.W_OK);
  } catch {
    throw new UsageError(`-o ${output}: no permission to write there`);
  }
}
