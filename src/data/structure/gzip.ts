/**
 * Gzip detection and decompression with the platform `DecompressionStream` (browsers, Web Workers and
 * Node ≥ 18 all have it), so no zlib port ships with the studio.
 */

/** True when `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a gzip file. `fileName` only serves the error message.
 * @returns the uncompressed bytes.
 * @throws Error naming the file when the data is not valid gzip (corrupt or truncated).
 */
export async function gunzip(fileName: string, bytes: Uint8Array): Promise<Uint8Array> {
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      // Copy so the caller's buffer (maybe a view into a larger one) is never detached or aliased.
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const reader = source.pipeThrough(new DecompressionStream('gzip')).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`${fileName}: not a valid gzip file (${detail})`);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
