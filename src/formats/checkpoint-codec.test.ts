import { describe, expect, test } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint-codec';

describe('checkpoint codec', () => {
  test('round-trips nested JSON with typed arrays bit for bit (NaN payloads, -0, odd lengths)', () => {
    const weights = new Float32Array([1.5, -0, NaN, Infinity, 3.4028234663852886e38, 1e-45]);
    const value = {
      config: { seed: 3, name: 'run "a"' },
      weights: { w: weights, b: new Float32Array([7]) },
      codes: new Int32Array([-1, 2]),
      mask: new Uint8Array([1, 0, 1]),
      list: [1, 'x', null],
    };
    const decoded = decodeCheckpoint(encodeCheckpoint(value)) as typeof value;
    expect(new Uint8Array(decoded.weights.w.buffer)).toEqual(new Uint8Array(weights.buffer));
    expect(decoded.weights.b).toEqual(new Float32Array([7]));
    expect(decoded.codes).toEqual(new Int32Array([-1, 2]));
    expect(decoded.mask).toEqual(new Uint8Array([1, 0, 1]));
    expect(decoded.config).toEqual(value.config);
    expect(decoded.list).toEqual([1, 'x', null]);
  });

  test('foreign or truncated bytes give a message naming the source', () => {
    expect(() => decodeCheckpoint(new TextEncoder().encode('hello world!!').buffer, 'run.ftsckpt')).toThrow(
      /run\.ftsckpt: not a FoldTree Studio checkpoint/,
    );
    const whole = encodeCheckpoint({ w: new Float32Array(100) });
    expect(() => decodeCheckpoint(whole.slice(0, whole.byteLength - 40), 'cut.ftsckpt')).toThrow(
      /cut\.ftsckpt: the checkpoint is truncated/,
    );
  });
});
