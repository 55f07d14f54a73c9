/**
 * `npm run train` end to end: the real command, a real build, headless Chromium. The trainers run on WebAssembly
 * (no shader compiles) for three steps of the tiny fixture dataset, which keeps this to well under a minute.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importConfig } from '../../src/config/import-config';
import { readMetricsJsonl } from './metrics-files';
import { tryPython } from '../../src/shared/python-reference.node';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'train-cli-'));
const dist = join(work, 'dist');
const config = join(work, 'tiny.yaml');

function train(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['tsx', 'scripts/train.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], {
    cwd: root,
    stdio: 'ignore',
  });
  writeFileSync(
    config,
    'model:\n  preset: tiny\ntraining:\n  batchSize: 2\n  workers: 1\ndata:\n  maxResidues: 32\nlogging:\n  runName: cli-test\n',
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run train', () => {
  it('trains three steps on WebAssembly and writes the run folder', () => {
    const out = join(work, 'run');
    const run = train([
      '--config',
      config,
      '--dataset',
      'fixtures/tiny-structs.h5',
      '--backend',
      'wasm',
      '--max-steps',
      '3',
      '--out',
      out,
      '--dist',
      dist,
    ]);
    expect(run.stderr).toContain('on wasm');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^finished at step 3 → /);
    expect(readMetricsJsonl(readFileSync(join(out, 'metrics.jsonl'), 'utf8')).map((p) => p.step)).toEqual([1, 2, 3]);
    expect(readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
    const written = importConfig(readFileSync(join(out, 'config.yaml'), 'utf8'), 'config.yaml').config;
    expect(written.training.maxSteps).toBe(3);
    expect(written.logging.runName).toBe('cli-test');
    const files = readdirSync(out);
    expect(files).toContain('cli-test-step3.ftsckpt');
    expect(files.some((name) => name.startsWith('events.out.tfevents.'))).toBe(true);
    const events = readFileSync(join(out, 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; status?: string; final?: boolean });
    expect(events.some((e) => e.type === 'checkpoint' && e.final === true)).toBe(true);
    expect(events.filter((e) => e.type === 'state').map((e) => e.status)).toEqual(['starting', 'running', 'finished']);

    // FoldTree2 cannot build the tiny model: no hand-over folder, and the run says why.
    expect(files).not.toContain('foldtree2');
    expect(run.stderr).toContain(
      'no FoldTree2 hand-over: FoldTree2\'s learn_lightning.py cannot build this model: the "tiny" preset has 2 encoder heads',
    );
  }, 180_000);

  it('hands a foldtree2-small run over: the folder loads strictly in PyTorch and comes back as initial weights', () => {
    const small = join(work, 'small.yaml');
    writeFileSync(
      small,
      'model:\n  preset: foldtree2-small\ntraining:\n  batchSize: 2\n  workers: 1\ndata:\n  maxResidues: 24\nlogging:\n  runName: cli small\n',
    );
    const out = join(work, 'small');
    const run = train([
      '--config',
      small,
      '--dataset',
      'fixtures/tiny-structs.h5',
      '--backend',
      'wasm',
      '--max-steps',
      '1',
      '--out',
      out,
      '--dist',
      dist,
    ]);
    expect(run.status).toBe(0);
    const handover = join(out, 'foldtree2');
    expect(readdirSync(handover).sort()).toEqual(['foldtree2.safetensors', 'foldtree2.yaml', 'foldtree2_handover.py']);
    const yaml = readFileSync(join(handover, 'foldtree2.yaml'), 'utf8');
    expect(yaml).toMatch(/^hidden_size: 40$/m);
    expect(yaml).toContain(`dataset: ${JSON.stringify(join(root, 'fixtures/tiny-structs.h5'))}`);
    expect(yaml).toMatch(/^model_name: "cli_small"$/m);
    expect(yaml).toMatch(/^output_dir: "models"$/m);
    const script = tryPython({ file: join(handover, 'foldtree2_handover.py') }, { args: [handover, '--standin'] });
    expect(script.status, script.stdout + script.stderr).toBe(0);
    expect(JSON.parse(script.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({
      strict_load: 'ok',
      res_x_columns: 41,
      hidden_size: 40,
    });
    expect(existsSync(join(handover, 'models', 'cli_small_best_encoder_state.pth'))).toBe(true);
    const again = train([
      '--config',
      small,
      '--dataset',
      'fixtures/tiny-structs.h5',
      '--backend',
      'wasm',
      '--max-steps',
      '1',
      '--out',
      join(work, 'again'),
      '--dist',
      dist,
      '--init-weights',
      join(handover, 'foldtree2.safetensors'),
    ]);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/Weights from foldtree2\.safetensors \(FoldTree2 names\): all \d+ parameters loaded/);
  }, 240_000);

  it('refuses bad input with exit 2 and one line before starting anything', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'training:\n  batchSize: two\n');
    const cases: Array<[string[], string]> = [
      [
        ['--config', bad],
        'error: bad.yaml: invalid value: training.batchSize: got "two" (a string), expected an integer in [1, 4096]\n',
      ],
      [
        ['--config', config, '--dataset', join(work, 'missing.h5')],
        `error: dataset file ${join(work, 'missing.h5')} not found\n`,
      ],
      [
        ['--config', config, '--workers', 'many'],
        'error: --workers (training.workers): got "many" (a string), expected an integer in [0, 8]\n',
      ],
    ];
    for (const [args, line] of cases) {
      const run = train([...args, '--out', join(work, 'refused')]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(line);
    }
    const typo = join(work, 'typo.yaml');
    writeFileSync(typo, 'training:\n  batchSise: 2\n');
    const refused = train(['--config', typo, '--out', join(work, 'refused')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'error: typo.yaml: Unknown key "training.batchSise"; did you mean "training.batchSize"?\n',
    );
    expect(existsSync(join(work, 'refused'))).toBe(false);
  }, 60_000);
});
