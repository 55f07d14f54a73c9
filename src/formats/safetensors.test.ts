import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from './safetensors';
import { runPython } from '../shared/python-reference.node';

const READER = `
import json, struct, sys, numpy as np
data = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', data[:8])
header = json.loads(data[8:8 + n])
out = {}
for name, e in header.items():
    if name == '__metadata__':
        out[name] = e
        continue
    b, t = e['data_offsets']
    a = np.frombuffer(data[8 + n + b: 8 + n + t], dtype='<f4').reshape(e['shape'])
    out[name] = {'dtype': e['dtype'], 'shape': list(a.shape), 'sum': float(a.astype(np.float64).sum()), 'first': float(a.flat[0]), 'aligned': (8 + n) % 8 == 0}
print(json.dumps(out))
`;

test('a file we write is read by an independent NumPy reader with the same names, shapes and values, and reads back exactly', () => {
  const weights = new Map([
    ['encoder.layer.0.weight', { shape: [3, 4], data: Float32Array.from({ length: 12 }, (_, k) => k * 0.25 - 1.5) }],
    ['codebook', { shape: [2, 2], data: Float32Array.from([1e-8, -3.5, 65504, 0.1]) }],
    ['bias', { shape: [5], data: Float32Array.from([Math.PI, -0, 2, 3, 4]) }],
  ]);
  const bytes = encodeSafetensors(weights, { format: 'pt', source: 'FoldTree Studio' });
  const dir = mkdtempSync(join(tmpdir(), 'safetensors-'));
  const path = join(dir, 'weights.safetensors');
  writeFileSync(path, new Uint8Array(bytes));
  const read = JSON.parse(runPython({ code: READER }, { args: [path] })) as Record<
    string,
    { shape: number[]; sum: number; first: number; aligned: boolean }
  >;
  expect(read['__metadata__']).toEqual({ format: 'pt', source: 'FoldTree Studio' });
  for (const [name, tensor] of weights) {
    expect(read[name]?.shape).toEqual(tensor.shape);
    expect(read[name]?.first).toBe(tensor.data[0]);
    expect(read[name]?.sum).toBeCloseTo(
      tensor.data.reduce((a, b) => a + b, 0),
      6,
    );
    expect(read[name]?.aligned).toBe(true);
  }
  const back = decodeSafetensors(bytes);
  for (const [name, tensor] of weights) expect(back.tensors.get(name)?.data).toEqual(tensor.data);
  expect(() => decodeSafetensors(bytes.slice(0, 20), 'cut.safetensors')).toThrow(/^cut\.safetensors: header length/);
});

describe('damaged or foreign weights files are named as such', () => {
  test('a header that is not JSON says so, not where the JSON parser stopped', async () => {
    const { brokenHeaderWeights } = await import('../../scripts/fault-corpus/input-faults');
    expect(() => decodeSafetensors(brokenHeaderWeights(), 'w.safetensors')).toThrow(
      /^w\.safetensors: the safetensors header is not valid JSON, so the file is damaged or not a safetensors file \(/,
    );
  });

  test('a header entry that is not a tensor description is named', () => {
    const header = new TextEncoder().encode(JSON.stringify({ 'encoder.w': { dtype: 'F32', shape: 'three' } }));
    const bytes = new Uint8Array(8 + header.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
    bytes.set(header, 8);
    expect(() => decodeSafetensors(bytes.buffer, 'w.safetensors')).toThrow(
      "w.safetensors: the header's entry for encoder.w is not { dtype, shape, data_offsets }",
    );
  });
});
