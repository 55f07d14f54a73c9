/**
 * The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of UTF-8 JSON `{ name: { dtype: "F32", shape, data_offsets: [begin, end] }, "__metadata__": {…} }`
 * (offsets relative to the data after the header), then the raw little-endian tensor bytes. We write float32
 * tensors in name order, pad the header with spaces to 8-byte alignment as the reference writer does, and read
 * F32 files back exactly.
 */

export interface NamedTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export function encodeSafetensors(
  tensors: ReadonlyMap<string, NamedTensor> | Readonly<Record<string, NamedTensor>>,
  metadata: Readonly<Record<string, string>> = {},
): ArrayBuffer {
  const all: [string, NamedTensor][] =
    tensors instanceof Map
      ? [...(tensors as ReadonlyMap<string, NamedTensor>).entries()]
      : Object.entries(tensors as Readonly<Record<string, NamedTensor>>);
  const entries = all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  for (const [name, tensor] of entries) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    if (size !== tensor.data.length)
      throw new Error(`${name}: shape [${tensor.shape}] holds ${size} values, the data ${tensor.data.length}`);
    header[name] = { dtype: 'F32', shape: [...tensor.shape], data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  while ((8 + new TextEncoder().encode(json).length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const bytes = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const [, tensor] of entries) {
    bytes.set(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength), at);
    at += tensor.data.byteLength;
  }
  return bytes.buffer;
}

/**
 * Reads an F32 safetensors file; throws naming `source` and the tensor when something does not fit. Tensors of
 * other types (a PyTorch `state_dict`'s int64 counters) throw too, unless `skipOtherTypes`: then they are listed
 * in `skipped` as "name (dtype)".
 */
export function decodeSafetensors(
  buffer: ArrayBuffer,
  source = 'safetensors file',
  options: { readonly skipOtherTypes?: boolean } = {},
): { tensors: Map<string, NamedTensor>; metadata: Record<string, string>; skipped: string[] } {
  if (buffer.byteLength < 8) throw new Error(`${source}: too short to be a safetensors file`);
  const headerLength = Number(new DataView(buffer).getBigUint64(0, true));
  if (8 + headerLength > buffer.byteLength)
    throw new Error(`${source}: header length ${headerLength} runs past the end of the file`);
  const header = parseHeader(new TextDecoder().decode(new Uint8Array(buffer, 8, headerLength)), source);
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, NamedTensor>();
  const skipped: string[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    if (!isTensorEntry(entry))
      throw new Error(
        `${source}: the header's entry for ${name} is not { dtype, shape, data_offsets } (not a safetensors file, or a damaged one)`,
      );
    const { dtype, shape, data_offsets: offsets } = entry;
    if (dtype !== 'F32' && options.skipOtherTypes) {
      skipped.push(`${name} (${dtype})`);
      continue;
    }
    if (dtype !== 'F32') throw new Error(`${source}: ${name} is ${dtype}; only F32 tensors are read`);
    const [begin, end] = offsets;
    if (end - begin !== shape.reduce((a, b) => a * b, 1) * 4 || dataStart + end > buffer.byteLength)
      throw new Error(`${source}: ${name}'s offsets do not match its shape [${shape}]`);
    tensors.set(name, { shape, data: new Float32Array(buffer.slice(dataStart + begin, dataStart + end)) });
  }
  return { tensors, metadata, skipped };
}

/** The header as an object of entries; a header that is not JSON or not an object is named as such. */
function parseHeader(text: string, source: string): Record<string, unknown> {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${source}: the safetensors header is not valid JSON, so the file is damaged or not a safetensors file (${detail})`,
    );
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new Error(`${source}: the safetensors header is not a JSON object, so this is not a safetensors file`);
  return header as Record<string, unknown>;
}

function isTensorEntry(entry: unknown): entry is { dtype: string; shape: number[]; data_offsets: [number, number] } {
  if (typeof entry !== 'object' || entry === null) return false;
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  const integers = (value: unknown, length?: number) =>
    Array.isArray(value) &&
    (length === undefined || value.length === length) &&
    value.every((n) => Number.isInteger(n) && (n as number) >= 0);
  return typeof dtype === 'string' && integers(shape) && integers(offsets, 2);
}
