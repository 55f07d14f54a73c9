import { describe, expect, test } from 'vitest';
import { crc32c, maskCrc32c, maskedCrc32c } from './crc32c';
import { pythonCrc32c } from './python-reader.node';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('crc32c', () => {
  test('matches the published check values', () => {
    // The CRC catalogue's check value for CRC-32/ISCSI, and RFC 3720 appendix B.4's 32-byte vectors.
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, k) => k))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, k) => 31 - k))).toBe(0x113fdb5c);
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });

  test('continues over a buffer given in pieces', () => {
    const whole = ascii('123456789');
    expect(crc32c(whole.subarray(4), crc32c(whole.subarray(0, 4)))).toBe(0xe3069283);
  });

  test('masks as TensorFlow does: rotate right 15, add 0xa282ead8 (mod 2^32)', () => {
    expect(maskCrc32c(0)).toBe(0xa282ead8);
    // 1 rotated right by 15 is 2^17 = 0x20000.
    expect(maskCrc32c(1)).toBe(0xa284ead8);
    // 0x8000 rotates to 1; 0xffffffff rotates to itself and the sum wraps.
    expect(maskCrc32c(0x8000)).toBe(0xa282ead9);
    expect(maskCrc32c(0xffffffff)).toBe(0xa282ead7);
  });

  test('agrees with an independent Python implementation on random buffers', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff;
    for (const length of [1, 8, 13, 100, 1000]) {
      const bytes = Uint8Array.from({ length }, next);
      expect({ crc: crc32c(bytes), masked: maskedCrc32c(bytes) }).toEqual(pythonCrc32c(bytes));
    }
  });
});
