import { describe, expect, test } from 'vitest';
import { ConfigError } from './config-messages';
import { importConfig } from './import-config';
import { defaultRunConfig } from './run-config-values';

/** The error `importConfig` throws, for asserting on its message and issues. */
function importError(text: string, fileName = 'run.yaml'): ConfigError {
  try {
    importConfig(text, fileName);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('importConfig did not throw');
}

describe('studio spellings', () => {
  test('nested groups, dotted paths and bare keys all set the same key', () => {
    const nested = importConfig('training:\n  batchSize: 7\nlosses:\n  edgeWeight: 0.5\n', 'a.yaml');
    const dotted = importConfig('training.batchSize: 7\nlosses.edgeWeight: 0.5\n', 'b.yaml');
    const bare = importConfig('{"batchSize": 7, "edgeWeight": 0.5}', 'c.json');
    for (const { config, warnings } of [nested, dotted, bare]) {
      expect(config.training.batchSize).toBe(7);
      expect(config.losses.edgeWeight).toBe(0.5);
      expect(warnings).toStrictEqual([]);
    }
    expect(bare.format).toBe('json');
    expect(nested.foldtree2).toBe(false);
  });

  test('keys not in the file keep their defaults; an empty file is the default config', () => {
    const { config } = importConfig('epochs: 3\n', 'run.yml');
    expect({ ...config, training: { ...config.training, epochs: 100 } }).toStrictEqual(defaultRunConfig());
    expect(importConfig('', 'empty.yaml')).toMatchObject({ config: defaultRunConfig(), warnings: [] });
    expect(importConfig('# only a comment\n', 'comment.yaml').config).toStrictEqual(defaultRunConfig());
  });

  test('a FoldTree2 name inside the right group is accepted, inside another group it is unknown', () => {
    const { config, warnings } = importConfig('training:\n  batch_size: 9\nvq:\n  batch_size: 3\n', 'g.yaml');
    expect(config.training.batchSize).toBe(9);
    expect(warnings.map((w) => [w.kind, w.key])).toStrictEqual([['unknown-key', 'vq.batch_size']]);
  });

  test('null sets a nullable key (no crop, the preset’s size)', () => {
    const { config } = importConfig('data:\n  maxResidues: null\nmodel:\n  hiddenSize: 200\n', 'n.yaml');
    expect(config.data.maxResidues).toBeNull();
    expect(config.model.hiddenSize).toBe(200);
  });
});

describe('warnings', () => {
  test('an unknown key is named with the closest known spelling', () => {
    const { warnings } = importConfig('batch_sise: 5\nleaningRate: 0.1\nfrobnicate: 1\n', 'u.yaml');
    expect(warnings.map((w) => w.message)).toStrictEqual([
      'Unknown key "batch_sise" ignored; did you mean "batch_size" (training.batchSize)?',
      'Unknown key "leaningRate" ignored; did you mean "learningRate" (training.learningRate)?',
      'Unknown key "frobnicate" ignored',
    ]);
    expect(warnings.every((w) => w.kind === 'unknown-key' && w.severity === 'warning')).toBe(true);
  });

  test('spellings are exact: another case is unknown but suggested', () => {
    const { config, warnings } = importConfig('Batch_Size: 5\n', 'c.yaml');
    expect(config.training.batchSize).toBe(20);
    expect(warnings[0]?.message).toBe(
      'Unknown key "Batch_Size" ignored; did you mean "batch_size" (training.batchSize)?',
    );
  });

  test('FoldTree2 keys that mean nothing here are informational, and silent when harmless', () => {
    const { warnings } = importConfig(
      'gpus: 4\ntensorboard_dir: ./runs/\ndevice: null\noutput_rt: false\nhetero_gae: true\n',
      'f.yaml',
    );
    expect(warnings.filter((w) => w.kind === 'ignored-key').map((w) => [w.key, w.severity, w.message])).toStrictEqual([
      ['gpus', 'info', '"gpus" ignored: the browser picks the GPU; set training.workers for data parallelism'],
      ['tensorboard_dir', 'info', '"tensorboard_dir" ignored: the studio charts its metrics itself'],
      ['hetero_gae', 'info', '"hetero_gae" ignored: the studio does not build that decoder'],
    ]);
  });

  test('numeric strings (PyYAML’s 1e-4) are read as numbers with a warning naming the key', () => {
    const yaml = importConfig("learning_rate: '1e-4'\nmuonLr: \"2e-2\"\nepochs: '12'\n", 's.yaml');
    expect(yaml.config.training.learningRate).toBe(1e-4);
    expect(yaml.config.optimizer.muonLr).toBe(0.02);
    expect(yaml.config.training.epochs).toBe(12);
    expect(yaml.warnings.filter((w) => w.kind !== 'foldtree2-defaults').map((w) => [w.kind, w.key])).toStrictEqual([
      ['numeric-string', 'learning_rate'],
      ['numeric-string', 'muonLr'],
      ['numeric-string', 'epochs'],
    ]);
    expect(yaml.warnings[0]?.message).toBe(
      'learning_rate (training.learningRate): read the string "1e-4" as the number 0.0001 ' +
        '(PyYAML reads a number such as 1e-4, written without a dot, as a string)',
    );
    const json = importConfig(
      '{"training": {"learningRate": "1e-4"}, "optimizer": {"betas": ["0.8", 0.99]}}',
      's.json',
    );
    expect(json.config.training.learningRate).toBe(1e-4);
    expect(json.config.optimizer.betas).toStrictEqual([0.8, 0.99]);
    expect(json.warnings.map((w) => w.kind)).toStrictEqual(['numeric-string', 'numeric-string']);
  });

  test('YAML 1.1 booleans and FoldTree2 strategies are converted with a warning', () => {
    const { config, warnings } = importConfig('EMA: "no"\nclip_grad: "on"\nstrategy: auto\n', 'b.yaml');
    expect([config.vq.ema, config.training.clipGrad, config.training.strategy]).toStrictEqual([false, true, 'ddp']);
    expect(warnings.filter((w) => w.kind === 'converted-value').map((w) => w.message)).toStrictEqual([
      'EMA (vq.ema): read the string "no" as false',
      'clip_grad (training.clipGrad): read the string "on" as true',
      'strategy (training.strategy): FoldTree2\'s "auto" has no studio equivalent; using "ddp"',
    ]);
  });

  test('a key set twice: silent when equal, warned when different, the later one wins', () => {
    const same = importConfig(
      'grad_accum: 2\ngradient_accumulation_steps: 2\nhetero_gae: false\nhetero_gae: false\n',
      'd.yaml',
    );
    expect(same.warnings.filter((w) => w.kind === 'duplicate-key')).toStrictEqual([]);
    const differ = importConfig('edgeweight: 0.1\nedge_weight: 0.3\n', 'd.yaml');
    expect(differ.config.losses.edgeWeight).toBe(0.3);
    expect(differ.warnings.find((w) => w.kind === 'duplicate-key')?.message).toBe(
      'losses.edgeWeight is set twice: "edgeweight" = 0.1, then "edge_weight" = 0.3; the later one is used',
    );
  });

  test('combinations worth knowing are noted: warm-up ratio next to steps, several workers with "single"', () => {
    const { warnings } = importConfig(
      'lr_warmup_steps: 20\nlr_warmup_ratio: 0.05\ntraining:\n  workers: 4\n  strategy: single\n',
      'w.yaml',
    );
    expect(warnings.filter((w) => w.kind === 'combination').map((w) => [w.key, w.message])).toStrictEqual([
      ['lr_warmup_steps', 'lrWarmupRatio 0.05 > 0 overrides lrWarmupSteps 20: warm-up is 0.05 of all steps'],
      ['training.workers', 'strategy "single" trains on one worker: workers 4 has no effect'],
    ]);
  });
});

describe('errors', () => {
  test('a wrong type names the key as written, its path, the value and the expected type', () => {
    const error = importError('batch_size: ten\n');
    expect(error.message).toBe(
      'run.yaml: invalid value\n  - batch_size (training.batchSize): got "ten" (a string), expected an integer in [1, 4096]',
    );
    expect(error.issues).toStrictEqual([
      { key: 'batch_size', path: 'training.batchSize', value: 'ten', expected: 'an integer in [1, 4096]' },
    ]);
  });

  test('every bad value is listed: out of range, not an integer, unknown choice, wrong list, null, bad group', () => {
    const text = [
      'lr_warmup_ratio: 1.5',
      'epochs: 2.5',
      'lr_schedule: step',
      'optimizer:',
      '  betas: [0.9]',
      'learning_rate: null',
      'mask_plddt: 1',
      'losses:',
      '  distanceBinEdges: [2, 4, 3, 5, 6, 7, 8]',
      'vq: 3',
    ].join('\n');
    expect(importError(text).message).toBe(
      [
        'run.yaml: 8 invalid values',
        '  - vq: got 3, expected a mapping of vq keys',
        '  - lr_warmup_ratio (schedule.lrWarmupRatio): got 1.5, expected a number in [0, 1)',
        '  - epochs (training.epochs): got 2.5, expected an integer in [1, 1000000000]',
        '  - lr_schedule (schedule.lrSchedule): got "step" (a string), expected one of plateau, cosine, linear, cosine_restarts, polynomial, none',
        '  - optimizer.betas: got [0.9] (a list), expected a list of 2 numbers in [0, 1)',
        '  - learning_rate (training.learningRate): got null, expected a number in (0, 10]',
        '  - mask_plddt (masking.maskPlddt): got 1, expected true or false',
        '  - losses.distanceBinEdges: got [2,4,3,5,6,7,8] (a list), expected a list of 7 numbers in (0, 1000], strictly increasing',
      ].join('\n'),
    );
  });

  test('text that is not a config mapping names the file', () => {
    expect(() => importConfig('epochs: [1,\n', 'broken.yaml')).toThrow(/^broken\.yaml: not valid YAML/);
    expect(() => importConfig('{"epochs": 1,}', 'broken.json')).toThrow(/^broken\.json: not valid JSON/);
    expect(() => importConfig('- epochs\n- 1\n', 'list.yaml')).toThrow(
      'list.yaml: a config must be a mapping of keys to values (key: value lines), but this file is a YAML list (2 items starting with "- ")',
    );
    expect(() => importConfig('[1, 2]', 'list.json')).toThrow(
      'list.json: a config must be a JSON object of keys to values, but this file holds a JSON array',
    );
  });
});

describe('format detection', () => {
  test('by extension, else JSON when the text starts with {, falling back to a YAML flow mapping', () => {
    expect(importConfig('{"epochs": 4}', 'config').format).toBe('json');
    expect(importConfig('{epochs: 4}', 'config').config.training.epochs).toBe(4);
    expect(importConfig('{epochs: 4}', 'config').format).toBe('yaml');
    expect(importConfig('{"epochs": 4}', 'config.yml').format).toBe('yaml');
    expect(importConfig('epochs: 4', 'config.txt').format).toBe('yaml');
    expect(importConfig('\uFEFF{"epochs": 4}', 'bom.json').config.training.epochs).toBe(4);
  });
});
