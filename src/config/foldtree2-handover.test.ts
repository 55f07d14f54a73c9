import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { MODEL_PRESET_NAMES, type RunConfig } from '../protocol/run-config';
import { browserRunConfig, withConfigValues } from '../state/config/config-edit';
import { foldtree2BuildProblems } from '../train/foldtree2-weights/buildable';
import { modelConfigFromRun } from '../model/run-model-config';
import {
  exportFoldtree2HandoverYaml,
  FOLDTREE2_DATASET_PLACEHOLDER,
  FOLDTREE2_HANDOVER_STEPS,
  foldtree2RefusalReasons,
  foldtree2RefusalText,
} from './foldtree2-handover';

const config = (overrides: ReadonlyArray<readonly [string, unknown]>): RunConfig =>
  withConfigValues(browserRunConfig(), overrides as never);

describe('which runs FoldTree2 can continue', () => {
  const cases: ReadonlyArray<ReadonlyArray<readonly [string, unknown]>> = [
    ...MODEL_PRESET_NAMES.map((preset) => [['model.preset', preset]] as const),
    [
      ['model.preset', 'foldtree2-small'],
      ['model.hiddenSize', 60],
    ],
    [
      ['model.preset', 'foldtree2-small'],
      ['model.hiddenSize', 42],
      ['model.decoderHeads', 6],
    ],
    [
      ['model.preset', 'foldtree2-small'],
      ['model.encoderHeads', 16],
    ],
    [
      ['model.preset', 'foldtree2'],
      ['model.decoderLayers', 3],
    ],
    [
      ['model.preset', 'foldtree2'],
      ['model.decoderFeedForward', 1024],
    ],
    [
      ['model.preset', 'foldtree2'],
      ['vq.ema', false],
    ],
    [
      ['model.preset', 'foldtree2'],
      ['decoders.outputFft', true],
    ],
    [
      ['model.preset', 'foldtree2'],
      ['decoders.useGeometryTransformer', false],
    ],
  ];
  test.each(cases)('the config-level check (page) agrees with the model-level one (weights): %j', (...overrides) => {
    const run = config(overrides);
    const refused = foldtree2RefusalReasons(run).length > 0;
    expect(refused).toBe(foldtree2BuildProblems(modelConfigFromRun(run)).length > 0);
  });

  test('the refusal names the preset and what FoldTree2 hard-codes', () => {
    expect(foldtree2RefusalText(config([['model.preset', 'teaching']]))).toMatch(
      /^FoldTree2's learn_lightning\.py cannot build this model: the "teaching" preset has 4 encoder heads \(learn_lightning\.py hard-codes 10\).*"foldtree2-small" preset/,
    );
    expect(foldtree2RefusalText(config([['model.preset', 'foldtree2-small']]))).toBeNull();
  });
});

test('the hand-over YAML: no studio-relative dataset, model name and output directory set', () => {
  const run = config([['model.preset', 'foldtree2-small']]);
  const sizes = { hiddenSize: 40, embeddingDim: 32, numEmbeddings: 32 };
  const placeholder = exportFoldtree2HandoverYaml(run, sizes, {
    dataset: null,
    modelName: 'demo',
    outputDir: 'models',
  });
  expect(placeholder).toMatch(
    new RegExp(
      `^# The studio trained on "sample/sample-structs.h5", which FoldTree2 cannot open.*\\ndataset: "${FOLDTREE2_DATASET_PLACEHOLDER}"\\nmodel_name: "demo"\\noutput_dir: "models"$`,
      'm',
    ),
  );
  expect(placeholder.match(/^dataset:/gm)).toHaveLength(1);
  const own = exportFoldtree2HandoverYaml(run, sizes, {
    dataset: '/data/structs.h5',
    modelName: 'demo',
    outputDir: 'models',
  });
  expect(own).toMatch(/^dataset: "\/data\/structs\.h5"$/m);
});

test('README.md lists the same five hand-over steps', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  expect(FOLDTREE2_HANDOVER_STEPS).toHaveLength(5);
  for (const step of FOLDTREE2_HANDOVER_STEPS) expect(readme).toContain(`\n${step}\n`);
});
