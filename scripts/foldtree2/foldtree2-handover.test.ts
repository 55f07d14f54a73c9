/**
 * The hand-over script (foldtree2_handover.py) under Debian's python3-torch: it builds learn_lightning.py's model
 * (here the stand-in written from FoldTree2's module definitions, since torch_geometric is not packaged), loads an
 * export strictly and writes the files learn_lightning.py resumes from; a file that does not fit is refused naming
 * the key. The stand-in's state_dict must equal the TypeScript write-down (foldtree2-state-dict.ts): two
 * independent readings of the same module definitions.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportFoldtree2HandoverYaml } from '../../src/config/foldtree2-handover';
import { browserRunConfig, withConfigValues } from '../../src/state/config/config-edit';
import { MODEL_PRESETS } from '../../src/model/presets';
import { foldtree2BuildOf } from '../../src/train/foldtree2-weights/buildable';
import { foldtree2StateDict } from '../../src/train/foldtree2-weights/foldtree2-state-dict';
import { randomPresetWeights } from '../../src/train/foldtree2-weights/test-weights.node';
import { FOLDTREE2_WEIGHTS_FORMAT, toFoldtree2Weights } from '../../src/train/foldtree2-weights/index';
import { encodeSafetensors, type NamedTensor } from '../../src/formats/safetensors';
import { FOLDTREE2_SCRIPT } from '../train/foldtree2-export';
import { runPython, tryPython } from '../../src/shared/python-reference.node';

const F = 857;
const preset = MODEL_PRESETS['foldtree2-small'];
const { codes: K, embeddingDim: D } = preset.quantizer;
const h = preset.encoder.hiddenChannels[0];

function handoverFolder(name: string, change: (tensors: Map<string, NamedTensor>) => void = () => undefined): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'handover-')), name);
  mkdirSync(dir);
  const ema = {
    clusterSize: { shape: [K], data: new Float32Array(K).fill(3) },
    emaW: { shape: [K, D], data: new Float32Array(K * D).fill(0.25) },
  };
  const tensors = toFoldtree2Weights(randomPresetWeights('foldtree2-small', 9), ema);
  change(tensors);
  writeFileSync(
    join(dir, 'foldtree2.safetensors'),
    new Uint8Array(encodeSafetensors(tensors, { format: FOLDTREE2_WEIGHTS_FORMAT })),
  );
  const config = withConfigValues(browserRunConfig(), [
    ['model.preset', 'foldtree2-small'],
    ['logging.runName', 'demo run'],
  ]);
  const yaml = exportFoldtree2HandoverYaml(
    config,
    { hiddenSize: h, embeddingDim: D, numEmbeddings: K },
    { dataset: null, modelName: 'demo_run', outputDir: 'models' },
  );
  writeFileSync(join(dir, 'foldtree2.yaml'), yaml);
  copyFileSync(FOLDTREE2_SCRIPT, join(dir, 'foldtree2_handover.py'));
  return dir;
}

function runScript(dir: string, ...flags: string[]): { status: number | null; report: Record<string, unknown> } {
  const run = tryPython({ file: join(dir, 'foldtree2_handover.py') }, { args: [dir, '--standin', ...flags] });
  const last = run.stdout.trim().split('\n').pop() ?? '{}';
  return { status: run.status, report: JSON.parse(last) as Record<string, unknown> };
}

describe('foldtree2_handover.py (stand-in model, python3-torch)', () => {
  test('its model has exactly the state_dict written down in foldtree2-state-dict.ts', () => {
    const dir = handoverFolder('table');
    const printed = JSON.parse(
      runPython({ file: join(dir, 'foldtree2_handover.py') }, { args: [dir, '--standin', '--print-state-dict'] }),
    ) as [string, number[], string][];
    const table = foldtree2StateDict(foldtree2BuildOf(preset, F)).map((e) => [e.key, [...e.shape], e.dtype]);
    expect(new Map(printed.map(([k, s, d]) => [k, `${s.join('x')} ${d}`]))).toEqual(
      new Map(table.map(([k, s, d]) => [k as string, `${(s as number[]).join('x')} ${String(d)}`])),
    );
  }, 60_000);

  test('a foldtree2-small export loads strictly; the modules learn_lightning.py resumes from are written', () => {
    const dir = handoverFolder('ok');
    const { status, report } = runScript(dir);
    expect(report['error']).toBeUndefined();
    expect(status).toBe(0);
    expect(report).toMatchObject({
      strict_load: 'ok',
      res_x_columns: F,
      hidden_size: h,
      embedding_dim: D,
      num_embeddings: K,
    });
    // Every tensor but the int64 usage counter (K entries, written as FoldTree2's zeros) comes from the file.
    expect(report['filled_percent']).toBeGreaterThan(99.99);
    for (const part of ['encoder', 'decoder'])
      expect(existsSync(join(dir, 'models', `demo_run_best_${part}_state.pth`)), part).toBe(true);
  }, 60_000);

  test('a missing tensor or a wrong shape is refused naming the key', () => {
    const missingKey = 'decoder.decoders.geometry_cnn.head.edge_logits_mlp.7.bias';
    const missing = runScript(handoverFolder('missing', (t) => t.delete(missingKey)));
    expect(missing.status).toBe(1);
    expect(String(missing.report['error'])).toContain(`Missing key(s) in state_dict: "${missingKey}"`);
    const wrongKey = 'encoder.body.convs.0.res_contactPoints_res.lin_query.weight';
    const wrong = runScript(
      handoverFolder('wrong', (t) => t.set(wrongKey, { shape: [16 * h, h], data: new Float32Array(16 * h * h) })),
    );
    expect(wrong.status).toBe(1);
    expect(String(wrong.report['error'])).toContain(wrongKey);
  }, 90_000);
});
