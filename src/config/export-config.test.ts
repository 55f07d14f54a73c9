import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../protocol/run-config';
import { checkRunConfig } from './check-run-config';
import { ConfigError } from './config-messages';
import { exportConfig, type ExportFormat } from './export-config';
import { exportFoldtree2Yaml } from './export-foldtree2';
import { importConfig } from './import-config';
import { buildRunConfig, defaultRunConfig, leafOf, readConfigValue, SCHEMA_ROWS } from './run-config-values';
import type { ConfigValue, KeySpec } from './schema-types';
import { yamlNumber } from './yaml-text';
import { runPython } from '../shared/python-reference.node';

/** A valid value different from the default for every key, with awkward decimals and strings. */
function changedValue(spec: KeySpec): ConfigValue {
  switch (spec.kind) {
    case 'number':
    case 'integer': {
      const value = spec.min + (Math.min(spec.max, 1e6) - spec.min) * 0.3141592653589793;
      return spec.kind === 'integer' ? Math.max(spec.min + 1, Math.round(value)) : value;
    }
    case 'boolean':
      return !spec.default;
    case 'enum':
      return spec.values.find((value) => value !== spec.default) ?? spec.default;
    case 'string':
      return spec.nullable ? 'run "α": #1 — it\'s {tricky}' : 'my data/structs: 1.h5';
    case 'number[]':
      return spec.default.map((value) => value * 0.9);
  }
}

const CHANGED: RunConfig = buildRunConfig(changedValue);
const FORMATS: readonly ExportFormat[] = ['yaml', 'json', 'foldtree2-yaml'];
const FILE_NAMES: Record<ExportFormat, string> = {
  yaml: 'run.yaml',
  json: 'run.json',
  'foldtree2-yaml': 'foldtree2.yaml',
};

/** PyYAML's reading of a YAML text: every top-level key with its value and Python type name. */
function readWithPyYaml(text: string): Record<string, [unknown, string]> {
  const script =
    'import json, sys, yaml\nd = yaml.safe_load(sys.stdin)\nprint(json.dumps({k: [v, type(v).__name__] for k, v in d.items()}))';
  return JSON.parse(runPython({ code: script }, { input: text })) as Record<string, [unknown, string]>;
}

describe('round trip export → import', () => {
  test('the changed-everywhere config is valid and differs from the defaults at every key', () => {
    expect(checkRunConfig(CHANGED)).toStrictEqual([]);
    for (const spec of SCHEMA_ROWS)
      expect(readConfigValue(CHANGED, spec.path), spec.path).not.toStrictEqual(spec.default);
  });

  for (const format of FORMATS) {
    test(`${format}: identity for the defaults and for a config changed at every key`, () => {
      for (const config of [defaultRunConfig(), CHANGED]) {
        const { config: back, warnings } = importConfig(exportConfig(config, format), FILE_NAMES[format]);
        expect(back).toStrictEqual(config);
        // Only notes: FoldTree2 differences (foldtree2-yaml) and the warm-up ratio overriding steps (CHANGED sets both).
        expect(warnings.filter((w) => w.severity !== 'info')).toStrictEqual([]);
        if (format !== 'foldtree2-yaml') expect(warnings.filter((w) => w.kind !== 'combination')).toStrictEqual([]);
      }
    });
  }

  test('json lists keys in schema order whatever order the object had', () => {
    const shuffled = Object.fromEntries(Object.entries(CHANGED).reverse()) as unknown as RunConfig;
    expect(exportConfig(shuffled, 'json')).toBe(exportConfig(CHANGED, 'json'));
    expect(Object.keys(JSON.parse(exportConfig(shuffled, 'json')) as object)[0]).toBe('data');
  });
});

describe('numbers PyYAML reads back', () => {
  test('exponents get a dot and a sign; float keys keep .0', () => {
    expect([1e-10, 1e21, 3.5e-7, 0.0001, 1e-6, 2.5].map((v) => yamlNumber(v, true))).toStrictEqual([
      '1.0e-10',
      '1.0e+21',
      '3.5e-7',
      '0.0001',
      '0.000001',
      '2.5',
    ]);
    expect([yamlNumber(1, true), yamlNumber(1, false), yamlNumber(65536, false)]).toStrictEqual(['1.0', '1', '65536']);
    const values = [1e-10, 1e21, 3.5e-7, 1.2345678901234567e-8, 0.1 + 0.2];
    const read = readWithPyYaml(values.map((v, i) => `k${i}: ${yamlNumber(v, true)}`).join('\n'));
    values.forEach((v, i) => expect(read[`k${i}`], String(v)).toStrictEqual([v, 'float']));
  });
});

describe('foldtree2-yaml', () => {
  test('PyYAML reads every learn_lightning key with the value and Python type FoldTree2 expects', () => {
    const read = readWithPyYaml(exportConfig(CHANGED, 'foldtree2-yaml'));
    const written = SCHEMA_ROWS.filter(
      (spec) => spec.ft2 && spec.ft2Lightning !== false && spec.ft2[0] && spec.ft2[0] in read,
    );
    const pythonType = (spec: KeySpec): string =>
      ({ number: 'float', integer: 'int', boolean: 'bool', enum: 'str', string: 'str', 'number[]': 'list' })[spec.kind];
    for (const spec of written) {
      expect(read[spec.ft2?.[0] ?? ''], spec.path).toStrictEqual([
        readConfigValue(CHANGED, spec.path),
        pythonType(spec),
      ]);
    }
    expect(written.map((spec) => spec.ft2?.[0])).toContain('x_weight');
    expect(read['EMA']).toStrictEqual([CHANGED.vq.ema, 'bool']);
    expect(read['studio']?.[1]).toBe('dict');
  });

  test('each key is written once: FoldTree2 name where FoldTree2 can take the value, else the studio block', () => {
    const config = buildRunConfig((spec) => (spec.path === 'training.strategy' ? 'single' : spec.default));
    const text = exportConfig(config, 'foldtree2-yaml');
    expect(text).not.toMatch(/^strategy:/m);
    expect(text).toMatch(/^ {2}strategy: "single"$/m);
    expect(text).toMatch(/^ {2}maxResidues: 256$/m); // learn_monodecoder-only key
    expect(text).toMatch(/^ {2}hiddenSize: null$/m);
    expect(text).toContain('# The model sizes come from the studio preset "teaching"');
    for (const spec of SCHEMA_ROWS) {
      const lines = text
        .split('\n')
        .filter((line) => line.startsWith(`${spec.ft2?.[0]}:`) || line.startsWith(`  ${leafOf(spec.path)}:`));
      expect(lines.length, spec.path).toBe(1);
    }
  });

  test('a comment above the studio block lists every key FoldTree2 lacks, with the reason', () => {
    const config = buildRunConfig((spec) => (spec.path === 'training.strategy' ? 'single' : spec.default));
    const text = exportConfig(config, 'foldtree2-yaml');
    const studioBlock = text
      .slice(text.indexOf('\nstudio:\n') + 9)
      .split('\n')
      .filter((line) => line.startsWith('  '));
    const listed = text.split('\n').filter((line) => /^# {3}[a-z]+\.[A-Za-z]+: /.test(line));
    expect(listed.length).toBe(studioBlock.length);
    expect(text).toContain(
      `# Keys FoldTree2 lacks (${studioBlock.length}), kept in the "studio:" block for the studio; learn_lightning ignores them:`,
    );
    expect(listed).toContain('#   training.strategy: "single" is not one of FoldTree2\'s ddp / dp');
    expect(listed).toContain('#   training.workers: no FoldTree2 flag');
    expect(listed).toContain('#   data.maxResidues: only learn_monodecoder.py has it (max_residues)');
    expect(listed).toContain('#   model.hiddenSize: the model size comes from the studio preset');
    // Each listed key is the one written on the same position of the block.
    listed.forEach((line, i) =>
      expect(studioBlock[i]?.trim().split(':')[0], line).toBe(line.split(':')[0]?.split('.').pop()),
    );
  });

  test('resolved model sizes fill hidden_size / embedding_dim / num_embeddings', () => {
    const text = exportConfig(defaultRunConfig(), 'foldtree2-yaml', {
      modelSizes: { hiddenSize: 64, embeddingDim: 32, numEmbeddings: 32 },
    });
    const read = readWithPyYaml(text);
    expect([read['hidden_size'], read['embedding_dim'], read['num_embeddings']]).toStrictEqual([
      [64, 'int'],
      [32, 'int'],
      [32, 'int'],
    ]);
    expect(text).not.toContain('were not resolved');
    expect(importConfig(text, 'f.yaml').config.model).toMatchObject({
      preset: 'teaching',
      hiddenSize: 64,
      embeddingDim: 32,
      numEmbeddings: 32,
    });
  });

  test('the header explains how to run it and the effective batch', () => {
    const text = exportConfig(CHANGED, 'foldtree2-yaml');
    expect(
      text.startsWith(
        '# FoldTree2 learn_lightning.py configuration, exported by FoldTree Studio.\n#   python foldtree2/learn_lightning.py --config',
      ),
    ).toBe(true);
    const { batchSize, workers, gradientAccumulationSteps } = CHANGED.training;
    expect(text).toContain(`= ${batchSize * workers * gradientAccumulationSteps} proteins per step`);
  });

  test('with workers 0 (auto) the header gives the batch per worker, or the total once the run has resolved the count', () => {
    const config = {
      ...defaultRunConfig(),
      training: { ...defaultRunConfig().training, workers: 0, batchSize: 20, gradientAccumulationSteps: 2 },
    };
    expect(exportConfig(config, 'foldtree2-yaml')).toContain(
      '# Effective batch in the studio: batch_size 20 x auto workers x 2 accumulation = 40 proteins per step per worker (the studio picks 1-8 workers from the device);',
    );
    expect(exportFoldtree2Yaml(config, undefined, 3)).toContain(
      '# Effective batch in the studio: batch_size 20 x 3 workers (auto) x 2 accumulation = 120 proteins per step;',
    );
    const fixed = { ...config, training: { ...config.training, workers: 2 } };
    expect(exportFoldtree2Yaml(fixed, undefined, 3)).toContain(
      'batch_size 20 x 2 workers x 2 accumulation = 80 proteins per step;',
    );
  });
});

test('export refuses a config that is not a complete, valid RunConfig', () => {
  const bad = { ...defaultRunConfig(), training: { ...defaultRunConfig().training, batchSize: 0 } };
  expect(() => exportConfig(bad, 'yaml')).toThrow(ConfigError);
  expect(() => exportConfig(bad, 'yaml')).toThrow(
    'exportConfig: invalid value\n  - training.batchSize: got 0, expected an integer in [1, 4096]',
  );
  const extra = { ...defaultRunConfig(), logging: { ...defaultRunConfig().logging, colour: 'red' } } as RunConfig;
  expect(() => exportConfig(extra, 'json')).toThrow('logging.colour: got "red" (a string), expected no such key');
});
