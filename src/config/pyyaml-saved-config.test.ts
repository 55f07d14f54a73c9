/**
 * A FoldTree2 config that PyYAML has read and saved again (run by PyYAML itself): exponent numbers come back as
 * strings in JSON, and are read as numbers with a warning.
 */
import { expect, test } from 'vitest';
import { kindsAndKeys } from './foldtree2-config-files.node';
import { importConfig } from './import-config';
import { runPython } from '../shared/python-reference.node';

test('a config PyYAML has read and saved again: exponent numbers come back as strings in JSON', () => {
  const script = [
    'import json, yaml',
    "args = yaml.safe_load('learning_rate: 1e-4\\nlr_min: 1e-6\\nadamw_lr: 3.0e-4\\ncommitment_cost: 9e-1\\nbatch_size: 12\\n')",
    'print(json.dumps({"json": json.dumps(args), "yaml": yaml.safe_dump(args)}))',
  ].join('\n');
  const saved = JSON.parse(runPython({ code: script })) as { json: string; yaml: string };
  expect(saved.json).toContain('"learning_rate": "1e-4"'); // PyYAML's quirk, reproduced by PyYAML itself
  const fromJson = importConfig(saved.json, 'saved.json');
  const fromYaml = importConfig(saved.yaml, 'saved.yaml'); // PyYAML writes the string unquoted: YAML 1.2 reads a number
  for (const { config } of [fromJson, fromYaml]) {
    expect([
      config.training.learningRate,
      config.schedule.lrMin,
      config.optimizer.adamwLr,
      config.vq.commitmentCost,
    ]).toStrictEqual([1e-4, 1e-6, 3e-4, 0.9]);
    expect(config.training.batchSize).toBe(12);
  }
  expect(kindsAndKeys(fromJson.warnings.filter((w) => w.kind === 'numeric-string'))).toStrictEqual([
    'numeric-string: learning_rate',
    'numeric-string: lr_min',
    'numeric-string: commitment_cost',
  ]);
  expect(fromYaml.warnings.filter((w) => w.kind === 'numeric-string')).toStrictEqual([]);
});
