/**
 * A checkpoint as one byte buffer: an 8-byte magic, a little-endian u32 header length, a UTF-8 JSON header, then
 * every typed array's bytes (4-byte aligned). In the header a typed array is `{ "$typed": "f32" | "i32" | "u8",
 * "offset", "length" }`; everything else is plain JSON. Readable from any language; float data is bit-exact.
 */
const MAGIC = 'FTSCKPT1';

type Typed = Float32Array | Int32Array | Uint8Array;
const KINDS = { f32: Float32Array, i32: Int32Array, u8: Uint8Array } as const;
type Kind = keyof typeof KINDS;

function kindOf(value: Typed): Kind {
  if (value instanceof Float32Array) return 'f32';
  if (value instanceof Int32Array) return 'i32';
  return 'u8';
}

export function encodeCheckpoint(value: unknown): ArrayBuffer {
  const blobs: Typed[] = [];
  let offset = 0;
  const header = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array) {
      const entry = { $typed: kindOf(v), offset, length: v.length };
      blobs.push(v);
      offset += Math.ceil(v.byteLength / 4) * 4;
      return entry;
    }
    return v;
  });
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = Math.ceil((12 + headerBytes.length) / 4) * 4;
  const bytes = new Uint8Array(dataStart + offset);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, headerBytes.length, true);
  bytes.set(headerBytes, 12);
  let at = dataStart;
  for (const blob of blobs) {
    bytes.set(new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength), at);
    at += Math.ceil(blob.byteLength / 4) * 4;
  }
  return bytes.buffer;
}

/** Throws with `source` in the message when the bytes are not a checkpoint or are cut short. */
export function decodeCheckpoint(buffer: ArrayBuffer, source = 'checkpoint'): unknown {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new Error(`${source}: not a FoldTree Studio checkpoint (no ${MAGIC} header)`);
  const headerLength = new DataView(buffer).getUint32(8, true);
  if (12 + headerLength > bytes.length)
    throw new Error(`${source}: the checkpoint is truncated (header runs past the end)`);
  const dataStart = Math.ceil((12 + headerLength) / 4) * 4;
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength)), (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && '$typed' in v) {
      const { $typed, offset, length } = v as { $typed: Kind; offset: number; length: number };
      const Type = KINDS[$typed];
      const start = dataStart + offset;
      if (!Type || start + length * Type.BYTES_PER_ELEMENT > bytes.length)
        throw new Error(`${source}: the checkpoint is truncated (data runs past the end)`);
      return new Type(buffer.slice(start, start + length * Type.BYTES_PER_ELEMENT));
    }
    return v;
  });
}
