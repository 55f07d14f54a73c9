import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetPathFor } from './dataset-path';
import { EXIT_CODES, type CliError } from './exit-codes';

const dir = mkdtempSync(join(tmpdir(), 'dataset-path-'));
writeFileSync(join(dir, 'structs.h5'), 'x');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    return error as CliError;
  }
  throw new Error('accepted');
}

describe('datasetPathFor', () => {
  it('takes --dataset first, and the bundled sample when the config names it', () => {
    expect(datasetPathFor(join(dir, 'structs.h5'), 'other.h5', '/nowhere')).toBe(join(dir, 'structs.h5'));
    expect(datasetPathFor(null, 'sample/sample-structs.h5', dir)).toBeNull();
    expect(datasetPathFor(null, 'sample-structs.h5', dir)).toBeNull();
  });

  it('finds a file the config names, beside the config file or as an absolute path', () => {
    expect(datasetPathFor(null, 'structs.h5', dir)).toBe(join(dir, 'structs.h5'));
    expect(datasetPathFor(null, join(dir, 'structs.h5'), '/nowhere')).toBe(join(dir, 'structs.h5'));
  });

  it('refuses a named file that is not there (exit 2) rather than training the sample', () => {
    const missing = refusal(() => datasetPathFor(null, 'structs_train_final.h5', dir));
    expect(missing.exitCode).toBe(EXIT_CODES.usage);
    expect(missing.message).toMatch(
      /^data\.dataset structs_train_final\.h5: no such file \(looked for .*structs_train_final\.h5.*\); give --dataset FILE$/,
    );
    expect(refusal(() => datasetPathFor(join(dir, 'nope.h5'), 'x', dir)).message).toBe(
      `dataset file ${join(dir, 'nope.h5')} not found`,
    );
  });
});
