/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum TFRecord framing uses, and TensorFlow's
 * "masked" form of it. Table-driven, one byte at a time: event files are small, so speed is not the concern.
 */

const POLYNOMIAL = 0x82f63b78;

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32C of `bytes` as an unsigned 32-bit integer. Pass a previous result as `crc` to continue over a buffer
 * that arrives in pieces: `crc32c(b, crc32c(a))` equals the CRC of `a` followed by `b`.
 */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (const byte of bytes) c = (TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

/** TensorFlow's `crc32c::Mask`: rotate right by 15 and add a constant, so a CRC stored beside data it covers
 * does not make the whole look like valid CRC input. Unsigned 32-bit. */
export function maskCrc32c(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** `maskCrc32c(crc32c(bytes))`: the checksum written into a TFRecord. */
export function maskedCrc32c(bytes: Uint8Array): number {
  return maskCrc32c(crc32c(bytes));
}
