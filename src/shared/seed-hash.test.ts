import { describe, expect, it } from 'vitest';
import { hashIntegers, hashString, integerBytes, murmur3 } from './seed-hash';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('murmur3', () => {
  // Published MurmurHash3_x86_32 test vectors (Austin Appleby's SMHasher / Wikipedia).
  it.each([
    ['', 0, 0x00000000],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  ])('hash of %j with seed %d matches the reference', (text, seed, expected) => {
    expect(murmur3(ascii(text), seed)).toBe(expected);
  });
});

describe('hashIntegers / hashString', () => {
  // Expected values from an independent Python implementation (checked against the vectors above)
  // hashing 8-byte little-endian two's-complement words.
  it('matches the Python reference for integer tuples, negatives and values above 2^32', () => {
    expect(hashIntegers([1, 42, 0])).toBe(0x13fa007f);
    expect(hashIntegers([-1])).toBe(0x627564e8);
    expect(hashIntegers([2 ** 40 + 5])).toBe(0x7b288680);
  });

  it('hashes protein ids through UTF-8', () => {
    expect(hashString('1a5z_A')).toBe(0x14bb24e9);
    expect(hashString('1a5z_A')).not.toBe(hashString('1a5z_B'));
  });

  it('encodes integers as 8 bytes each and rejects non-integers', () => {
    expect([...integerBytes([-2])]).toEqual([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    expect([...integerBytes([2 ** 32 + 1])]).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    expect(() => integerBytes([1.5])).toThrow(/seed part 0 must be a safe integer, got 1.5/);
    expect(() => integerBytes([0, Number.NaN])).toThrow(/seed part 1/);
  });
});
