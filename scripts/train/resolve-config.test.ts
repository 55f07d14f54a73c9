import { describe, expect, it } from 'vitest';
import type { ConfigOverride } from './cli-args';
import { CliError, EXIT_CODES, oneLine } from './exit-codes';
import { readValueText, resolveConfig, withRunName } from './resolve-config';

const flag = (key: string, text: string): ConfigOverride => ({ key, text, flag: `--${key}` });

const TINY = 'model:\n  preset: tiny\ntraining:\n  batchSize: 2\ndata:\n  maxResidues: 32\n';

function refusal(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('resolveConfig', () => {
  it('reads the file with the studio importer and applies --max-steps and --workers over it', () => {
    const { config, warnings } = resolveConfig(TINY, 'run.yaml', [flag('max-steps', '50'), flag('workers', '2')]);
    expect(config.model.preset).toBe('tiny');
    expect(config.training.batchSize).toBe(2);
    expect(config.data.maxResidues).toBe(32);
    expect(config.training.maxSteps).toBe(50);
    expect(config.training.workers).toBe(2);
    expect(warnings).toEqual([]);
  });

  it('accepts dotted studio paths, FoldTree2 spellings and YAML values; a later value wins', () => {
    const overrides = [
      flag('training.maxSteps', '7'),
      flag('batch-size', '3'),
      { key: 'learning_rate', text: '1e-3', flag: '--set learning_rate' },
      flag('max-steps', '9'),
      flag('logging.runName', 'null'),
    ];
    const { config } = resolveConfig(`${TINY}logging:\n  runName: before\n`, 'run.yaml', overrides);
    expect(config.training.maxSteps).toBe(9);
    expect(config.training.batchSize).toBe(3);
    expect(config.training.learningRate).toBe(0.001);
    expect(config.logging.runName).toBeNull();
  });

  it('reads FoldTree2 config files, noting what it assumes', () => {
    const { config, warnings } = resolveConfig('batch_size: 5\nepochs: 3\n', 'ft2.yaml', []);
    expect(config.training.batchSize).toBe(5);
    expect(config.training.epochs).toBe(3);
    expect(warnings.some((w) => w.startsWith('ft2.yaml: FoldTree2 config: model.preset set to "foldtree2"'))).toBe(
      true,
    );
  });

  it('refuses a key nobody knows in the file (exit 2), naming it and the closest key, where the page only warns', () => {
    const error = refusal(() => resolveConfig('training:\n  batchSise: 2\n', 'run.yaml', []));
    expect(error.exitCode).toBe(EXIT_CODES.usage);
    expect(error.message).toBe('run.yaml: Unknown key "training.batchSise"; did you mean "training.batchSize"?');
    const two = refusal(() => resolveConfig('bogus_key: 1\nother_bogus: 2\n', 'ft2.yaml', []));
    expect(two.message).toMatch(/\(and 1 more unknown key\)$/);
  });

  it('refuses a wrong type in the file with the importer’s message (exit 2)', () => {
    const error = refusal(() => resolveConfig('training:\n  batchSize: two\n', 'run.yaml', []));
    expect(error.exitCode).toBe(EXIT_CODES.usage);
    expect(error.message).toContain('run.yaml: invalid value');
    expect(error.message).toContain('training.batchSize: got "two" (a string), expected an integer in [1, 4096]');
    const both = refusal(() => resolveConfig('training:\n  batchSize: two\n  epochs: -1\n', 'run.yaml', []));
    expect(oneLine(both.message)).toMatch(
      /^run\.yaml: 2 invalid values: training\.batchSize: got "two" .*; training\.epochs: got -1, expected an integer in \[1, /,
    );
  });

  it('refuses a command-line value of the wrong type, naming the flag and the key', () => {
    const error = refusal(() => resolveConfig(TINY, 'run.yaml', [flag('max-steps', 'lots')]));
    expect(error.exitCode).toBe(EXIT_CODES.usage);
    expect(error.message).toMatch(
      /^--max-steps \(training\.maxSteps\): got "lots" \(a string\), expected an integer in \[0, /,
    );
  });

  it('refuses a command-line key nobody knows, with the nearest spelling', () => {
    const error = refusal(() => resolveConfig(TINY, 'run.yaml', [flag('max-stepz', '3')]));
    expect(error.exitCode).toBe(EXIT_CODES.usage);
    expect(error.message).toBe('--max-stepz: no such option or config key; did you mean "maxSteps"?');
  });

  it('warns about a FoldTree2 key the studio ignores instead of refusing it', () => {
    const { warnings } = resolveConfig(TINY, 'run.yaml', [flag('gpus', '2')]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^--gpus ignored: /);
  });
});

describe('readValueText', () => {
  it('reads command-line text as a YAML scalar', () => {
    expect(readValueText('50')).toBe(50);
    expect(readValueText('1e-4')).toBe(0.0001);
    expect(readValueText('true')).toBe(true);
    expect(readValueText('null')).toBeNull();
    expect(readValueText('[0.1, 0.2]')).toEqual([0.1, 0.2]);
    expect(readValueText('cosine')).toBe('cosine');
  });
});

describe('withRunName', () => {
  it('names an unnamed run after its preset and the UTC time, as the trainers would', () => {
    const { config } = resolveConfig(TINY, 'run.yaml', []);
    expect(withRunName(config, new Date('2026-03-04T05:06:07.890Z')).logging.runName).toBe('tiny-2026-03-04-05-06-07');
  });

  it('keeps a name the config gives', () => {
    const { config } = resolveConfig(`${TINY}logging:\n  runName: mine\n`, 'run.yaml', []);
    expect(withRunName(config, new Date()).logging.runName).toBe('mine');
  });
});
