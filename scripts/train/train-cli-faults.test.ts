/**
 * `npm run train` against the generated fault corpus: inputs it can judge in Node are refused with exit 2 before a
 * browser starts; a dataset with bad proteins trains on the good ones and names every bad one; a --resume into a
 * folder whose checkpoint is another model continues that model, says so, and exports files that match it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importConfig } from '../../src/config/import-config';
import { readGoodProteins, VALUE_FAULTS, writeValueFaultFile } from '../fault-corpus/h5-faults';
import { CONFIG_FAULTS, presetCheckpoint, presetWeights, weightsFile } from '../fault-corpus/input-faults';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'train-cli-faults-'));
const dist = join(work, 'dist');
const tinyConfig = join(work, 'tiny.yaml');
const tinyData = join(root, 'fixtures/tiny-structs.h5');

function train(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/train.ts', ...args, '--dist', dist], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], {
    cwd: root,
    stdio: 'ignore',
  });
  writeFileSync(
    tinyConfig,
    'model:\n  preset: tiny\ntraining:\n  batchSize: 2\n  workers: 1\n  backend: wasm\n  maxSteps: 2\ndata:\n  maxResidues: 32\n',
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run train with faulty inputs', () => {
  it('refuses configs and weights it can judge in Node with exit 2 and one line, before a browser starts', () => {
    const write = (name: string, bytes: Uint8Array | string) => {
      writeFileSync(join(work, name), bytes);
      return join(work, name);
    };
    const poisoned = [...presetWeights('tiny').keys()][0] ?? '';
    const cases: Array<[string[], RegExp]> = [
      ...CONFIG_FAULTS.map((fault): [string[], RegExp] => [
        ['--config', write(fault.file, fault.text)],
        new RegExp(`^error: ${fault.file.replace('.', '\\.')}: .*${fault.message}`),
      ]),
      [
        [
          '--config',
          tinyConfig,
          '--init-weights',
          write('nan.safetensors', new Uint8Array(weightsFile('tiny', poisoned))),
        ],
        new RegExp(`^error: --init-weights: nan\\.safetensors: tensor ${poisoned.replace(/\./g, '\\.')} holds NaN`),
      ],
      [
        [
          '--config',
          tinyConfig,
          '--init-weights',
          write('teaching.safetensors', new Uint8Array(weightsFile('teaching'))),
        ],
        /^error: --init-weights: teaching\.safetensors: .* \(another preset or input width\?\)$/,
      ],
    ];
    for (const [args, line] of cases) {
      const started = Date.now();
      const run = train([...args, '--out', join(work, 'refused')]);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim()).toMatch(line);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain('serving');
      expect(Date.now() - started).toBeLessThan(30_000);
    }
    expect(existsSync(join(work, 'refused'))).toBe(false);
  }, 120_000);

  it('trains on the good proteins of a file with bad ones, naming each bad one in the output and events.jsonl', async () => {
    const data = join(work, 'value-faults.h5');
    await writeValueFaultFile(data, await readGoodProteins(tinyData));
    const out = join(work, 'faulty-data');
    const run = train(['--config', tinyConfig, '--dataset', data, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/3 proteins \(6 skipped, listed above\)/);
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8');
    for (const fault of VALUE_FAULTS) {
      expect(run.stderr).toContain(`warning: skipped value-faults.h5:${fault.id}: protein ${fault.id}: `);
      expect(events).toContain(`skipped value-faults.h5:${fault.id}`);
    }
  }, 120_000);

  it('refuses a dataset none of whose proteins passes the value check, with exit 2 and the first reason', async () => {
    const data = join(work, 'all-bad.h5');
    await writeValueFaultFile(data, await readGoodProteins(tinyData), false);
    const run = train(['--config', tinyConfig, '--dataset', data, '--out', join(work, 'all-bad')]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(
        `^error: dataset ${data.replace(/[.]/g, '\\.')}: no usable protein \\(${VALUE_FAULTS.length} set aside by the value check; first: all-bad\\.h5:\\w+: protein \\w+: `,
      ),
    );
  }, 120_000);

  it('--resume into a folder whose checkpoint is another model continues it, says so in one line, and exports files that match', async () => {
    const folder = join(work, 'resume');
    cpSync(tinyConfig, join(folder, 'config.yaml'), { recursive: true });
    writeFileSync(
      join(folder, 'small-run-step1.ftsckpt'),
      new Uint8Array(
        await presetCheckpoint('foldtree2-small', (await readGoodProteins(tinyData)).slice(0, 2), 'small-run'),
      ),
    );
    const run = train(['--resume', '--out', folder, '--dataset', tinyData]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: --resume: small-run-step1\.ftsckpt holds a foldtree2-small model \([\d,]+ parameters\), not the tiny model the config describes; continuing with the checkpoint's model and config$/m,
    );
    expect(run.stderr).toContain('Resuming from the checkpoint: foldtree2-small model');
    expect(readFileSync(join(folder, 'foldtree2', 'foldtree2.yaml'), 'utf8')).toMatch(/^hidden_size: 40$/m);
    expect(importConfig(readFileSync(join(folder, 'config.yaml'), 'utf8'), 'config.yaml').config.model.preset).toBe(
      'foldtree2-small',
    );
  }, 120_000);
});
