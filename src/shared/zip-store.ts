/**
 * A ZIP archive with every file stored uncompressed (method 0), so the page can hand over a folder as one
 * download. Weights do not compress anyway. Plain ZIP (no ZIP64): each file and the whole archive under 4 GiB.
 * Layout per APPNOTE 6.3: local header + data per file, then the central directory and its end record.
 */

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, e.g. `run-foldtree2/foldtree2.yaml`. */
  readonly name: string;
  readonly data: Uint8Array;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3), as ZIP stores it. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** DOS date/time fields of 1980-01-01 00:00: archives are byte-identical for the same files. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function zipStore(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((entry) => encoder.encode(entry.name));
  const size = entries.reduce(
    (sum, entry, k) => sum + 30 + (names[k]?.length ?? 0) + entry.data.length + 46 + (names[k]?.length ?? 0),
    22,
  );
  if (size >= 2 ** 32) throw new Error('zip archive over 4 GiB');
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number): void => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number): void => {
    view.setUint32(at, v >>> 0, true);
    at += 4;
  };
  const bytes = (b: Uint8Array): void => {
    out.set(b, at);
    at += b.length;
  };
  const common = (crc: number, length: number, nameLength: number): void => {
    u16(20);
    u16(0x0800);
    u16(0);
    u16(DOS_TIME);
    u16(DOS_DATE); // version, flags (UTF-8 names), stored, time, date
    u32(crc);
    u32(length);
    u32(length);
    u16(nameLength);
    u16(0);
  };
  const offsets: number[] = [];
  const crcs = entries.map((entry) => crc32(entry.data));
  entries.forEach((entry, k) => {
    const name = names[k] ?? new Uint8Array();
    offsets.push(at);
    u32(0x04034b50);
    common(crcs[k] ?? 0, entry.data.length, name.length);
    bytes(name);
    bytes(entry.data);
  });
  const directory = at;
  entries.forEach((entry, k) => {
    const name = names[k] ?? new Uint8Array();
    u32(0x02014b50);
    u16(20); // made by
    common(crcs[k] ?? 0, entry.data.length, name.length);
    u16(0);
    u16(0);
    u16(0);
    u32(0);
    u32(offsets[k] ?? 0); // comment, disk, internal, external attributes, offset
    bytes(name);
  });
  const directorySize = at - directory;
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(directorySize);
  u32(directory);
  u16(0);
  return out;
}
