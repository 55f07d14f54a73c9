/**
 * An exported file read by an independent reader: safetensors_reference.py parses the bytes itself with NumPy (the way
 * PyTorch's loader sees them) and answers value probes at PyTorch-layout indices. We check names, shapes and the
 * documented table, and that each probe holds the studio value the layout rule names (torch[o, i] = studio[i, o] …).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { presetSpecs } from '../optimizers/model-specs.node';
import { encodeSafetensors, type NamedTensor } from '../../formats/safetensors';
import {
  exportedKeys,
  FOLDTREE2_WEIGHTS_FORMAT,
  foldtree2MappingRows,
  STUDIO_KEY_PREFIX,
  toFoldtree2Weights,
  type MappingRow,
} from './index';
import { otherLayoutAxes } from './layouts';
import { MAPPING_DOC_URL, parseMappingTable } from './mapping-doc';
import { seededUniform } from '../../data/testing/seeded-uniform.node';
import { randomPresetWeights } from './test-weights.node';
import { pythonHas, runPython } from '../../shared/python-reference.node';

const READER = fileURLToPath(new URL('./safetensors_reference.py', import.meta.url));
const HAS_NUMPY = pythonHas('numpy');
const dir = mkdtempSync(join(tmpdir(), 'foldtree2-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Probe {
  readonly name: string;
  readonly index: number[];
  /** The studio tensor and the index the layout rule says holds the same value. */
  readonly studio: NamedTensor;
  readonly studioIndex: number[];
  readonly scaled: boolean;
}

interface ReaderAnswer {
  readonly metadata: Record<string, string>;
  readonly tensors: Record<string, { dtype: string; shape: number[] }>;
  readonly probes: number[];
  readonly problems: string[];
}

const flat = (shape: readonly number[], index: readonly number[]): number =>
  index.reduce((at, i, d) => at * (shape[d] ?? 1) + i, 0);

/** Where a PyTorch-layout index of `row`'s FoldTree2 tensor lives in the studio tensor. */
const studioIndexOf = (row: MappingRow, index: readonly number[]): number[] =>
  row.layout === 'scalar' ? [0] : otherLayoutAxes(row.layout, index);

function probesFor(rows: readonly MappingRow[], weights: ReadonlyMap<string, NamedTensor>, seed: number): Probe[] {
  const next = seededUniform(seed);
  return rows.flatMap((row) => {
    const studio = weights.get(row.studio) as NamedTensor;
    return exportedKeys(row).flatMap((name) => {
      const copy = name.startsWith(STUDIO_KEY_PREFIX);
      const shape = copy ? row.studioShape : (row.foldtree2Shape ?? []);
      const picks = [shape.map(() => 0), shape.map((n) => n - 1), shape.map((n) => Math.floor(next() * n))];
      return picks.map((index) => ({
        name,
        index,
        studio,
        studioIndex: copy ? index : studioIndexOf(row, index),
        scaled: !copy && row.layout === 'edge-scale',
      }));
    });
  });
}

function readWithNumpy(
  tensors: ReadonlyMap<string, NamedTensor>,
  probes: readonly Probe[],
  file: string,
): ReaderAnswer {
  const path = join(dir, file);
  writeFileSync(path, new Uint8Array(encodeSafetensors(tensors, { format: FOLDTREE2_WEIGHTS_FORMAT })));
  const input = JSON.stringify({ probes: probes.map(({ name, index }) => ({ name, index })) });
  return JSON.parse(runPython({ file: READER }, { args: [path], input })) as ReaderAnswer;
}

describe.each(['tiny', 'foldtree2'] as const)('the %s export read by NumPy', (preset) => {
  test.skipIf(!HAS_NUMPY)(
    `names, shapes and probed values follow the layout rules${HAS_NUMPY ? '' : ' (skipped: /usr/bin/python3 has no numpy)'}`,
    () => {
      const weights = randomPresetWeights(preset, 3);
      const rows = foldtree2MappingRows(presetSpecs(preset));
      const probes = probesFor(rows, weights, 5);
      const answer = readWithNumpy(toFoldtree2Weights(weights), probes, `${preset}.safetensors`);

      expect(answer.problems).toEqual([]);
      expect(answer.metadata).toEqual({ format: 'foldtree2' });
      const expected = Object.fromEntries(
        rows.flatMap((row) =>
          exportedKeys(row).map((key) => [
            key,
            {
              dtype: 'F32',
              shape: key.startsWith(STUDIO_KEY_PREFIX) ? [...row.studioShape] : [...(row.foldtree2Shape ?? [])],
            },
          ]),
        ),
      );
      expect(answer.tensors).toEqual(expected);

      probes.forEach((probe, k) => {
        const studioValue = probe.studio.data[flat(probe.studio.shape, probe.studioIndex)] ?? Number.NaN;
        const read = answer.probes[k] ?? Number.NaN;
        const where = `${probe.name}[${probe.index.join(', ')}] vs studio [${probe.studioIndex.join(', ')}]`;
        // lin_edge holds studio / 20 rounded once to float32: within half an ulp of the exact quotient.
        if (probe.scaled)
          expect(Math.abs(read * 20 - studioValue), where).toBeLessThanOrEqual(2 ** -24 * Math.abs(studioValue));
        else expect(read, where).toBe(studioValue);
      });
    },
  );
});

test.skipIf(!HAS_NUMPY)(
  `the foldtree2 file matches the table in docs/foldtree2-weights.md${HAS_NUMPY ? '' : ' (skipped: /usr/bin/python3 has no numpy)'}`,
  () => {
    const weights = randomPresetWeights('foldtree2', 9);
    const answer = readWithNumpy(toFoldtree2Weights(weights), [], 'doc.safetensors');
    const documented = parseMappingTable(readFileSync(MAPPING_DOC_URL, 'utf8'));
    const fromDoc = Object.fromEntries(
      documented.flatMap((row) => [
        [row.fileKey, { dtype: 'F32', shape: row.fileShape }],
        ...(row.transform === 'edge-scale'
          ? [[`${STUDIO_KEY_PREFIX}${row.studio}`, { dtype: 'F32', shape: row.studioShape }]]
          : []),
      ]),
    );
    expect(answer.tensors).toEqual(fromDoc);
  },
);
