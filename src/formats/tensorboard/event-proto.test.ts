import { describe, expect, test } from 'vitest';
import { encodeEvent } from './event-proto';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('encodeEvent', () => {
  test('writes the protobuf wire format byte for byte (hand-encoded)', () => {
    // 09 + double 1.0 LE | 10 + varint 300 = ac 02 | 2a len 10 [0a len 8 [0a 01 "a" | 15 + float 1.0 LE]]
    expect(hex(encodeEvent({ wallTime: 1, step: 300, scalars: [{ tag: 'a', value: 1 }] }))).toBe(
      '09000000000000f03f' + '10ac02' + '2a0a' + '0a08' + '0a0161' + '150000803f',
    );
  });

  test('writes file_version as field 3 and leaves out the default step 0', () => {
    // 1a len 13 "brain.Event:2"
    expect(hex(encodeEvent({ wallTime: 0, step: 0, fileVersion: 'brain.Event:2' }))).toBe(
      '090000000000000000' + '1a0d' + Buffer.from('brain.Event:2').toString('hex'),
    );
  });

  test('encodes steps beyond 2^32 as full varints', () => {
    // 2^35 = 7 bits × 5 of zeros then 1: 80 80 80 80 80 01
    expect(hex(encodeEvent({ wallTime: 0, step: 2 ** 35 })).slice(18)).toBe('10808080808001');
  });

  test('rejects steps a varint of a safe integer cannot hold', () => {
    expect(() => encodeEvent({ wallTime: 0, step: -1 })).toThrow(RangeError);
    expect(() => encodeEvent({ wallTime: 0, step: 1.5 })).toThrow(RangeError);
  });
});
