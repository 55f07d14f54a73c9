/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 * `uint64 length (LE) · uint32 masked CRC-32C of those 8 bytes · data · uint32 masked CRC-32C of data`.
 */
import { maskedCrc32c } from './crc32c';

/** Bytes of framing around each record's data: 8 length + 4 + 4 checksums. */
export const TFRECORD_OVERHEAD = 16;

/** `data` framed as one TFRecord. Lengths up to 2^53 − 1 bytes are written exactly (far beyond any event). */
export function tfRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + TFRECORD_OVERHEAD);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length % 2 ** 32, true);
  view.setUint32(4, Math.floor(data.length / 2 ** 32), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

/** The buffers end to end in one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
