/**
 * Seed mixing: MurmurHash3 (x86, 32-bit) over little-endian bytes. Used to turn tuples such as
 * (stream, seed, epoch, rank) or a protein id into well-mixed 32-bit words, so that neighbouring
 * seeds (0, 1, 2, …) still give unrelated random streams.
 */
import { assertSafeInteger } from './assert';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const TWO_POW_32 = 0x1_0000_0000;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Murmur3's avalanche finaliser: every input bit affects every output bit. Returns uint32. */
export function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function mixBlock(k: number): number {
  return Math.imul(rotl32(Math.imul(k, C1), 15), C2);
}

/**
 * MurmurHash3_x86_32 of `bytes` with a 32-bit `seed`; returns a uint32 in [0, 2^32).
 * Bit-compatible with the reference (e.g. "aaaa", seed 0x9747b28c → 0x5a97808a).
 */
export function murmur3(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const blocks = bytes.length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const o = i << 2;
    const k = (bytes[o] ?? 0) | ((bytes[o + 1] ?? 0) << 8) | ((bytes[o + 2] ?? 0) << 16) | ((bytes[o + 3] ?? 0) << 24);
    h ^= mixBlock(k);
    h = rotl32(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  let tail = 0;
  const t = blocks << 2;
  for (let i = bytes.length - 1; i >= t; i--) tail = (tail << 8) | (bytes[i] ?? 0);
  if (bytes.length > t) h ^= mixBlock(tail);
  h ^= bytes.length;
  return fmix32(h);
}

/**
 * Encodes integers as consecutive 8-byte little-endian two's-complement words (low 32 bits, then
 * high 32 bits), so every safe integer, negative ones included, maps to distinct bytes.
 * Output: Uint8Array of length 8 × parts.length.
 */
export function integerBytes(parts: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(parts.length * 8);
  const view = new DataView(bytes.buffer);
  parts.forEach((part, k) => {
    assertSafeInteger(part, `seed part ${k}`);
    view.setUint32(k * 8, part >>> 0, true);
    view.setUint32(k * 8 + 4, Math.floor(part / TWO_POW_32) >>> 0, true);
  });
  return bytes;
}

/** Hashes a tuple of safe integers to a uint32 (Murmur3 of {@link integerBytes}). */
export function hashIntegers(parts: readonly number[], salt = 0): number {
  return murmur3(integerBytes(parts), salt);
}

const encoder = new TextEncoder();

/** Hashes a string (UTF-8 bytes) to a uint32; e.g. a protein id → a per-protein stream key. */
export function hashString(text: string, salt = 0): number {
  return murmur3(encoder.encode(text), salt);
}
