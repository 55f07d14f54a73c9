/** Test helper: runs the independent Python event-file reader (Debian's /usr/bin/python3, standard library). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tryPython } from '../../shared/python-reference.node';

const READER = fileURLToPath(new URL('./tfevents_reference.py', import.meta.url));

export interface ReadEvent {
  readonly wall_time: number;
  readonly step: number;
  readonly file_version?: string;
  readonly values: ReadonlyArray<{ readonly tag: string; readonly value: number }>;
  readonly unknown_fields: readonly string[];
}

export type ReadResult =
  | { readonly ok: true; readonly events: readonly ReadEvent[] }
  | { readonly ok: false; readonly status: number | null; readonly error: string };

/** Writes `bytes` to a temporary file and decodes it with tfevents_reference.py. */
export function readWithPython(bytes: Uint8Array): ReadResult {
  const dir = mkdtempSync(join(tmpdir(), 'tfevents-'));
  try {
    const path = join(dir, 'events.out.tfevents.0.test');
    writeFileSync(path, bytes);
    const run = tryPython({ file: READER }, { args: [path] });
    if (run.status !== 0) return { ok: false, status: run.status, error: run.stderr };
    return { ok: true, events: (JSON.parse(run.stdout) as { events: ReadEvent[] }).events };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Python reader's CRC-32C and masked CRC of `bytes`. */
export function pythonCrc32c(bytes: Uint8Array): { crc: number; masked: number } {
  const run = tryPython({ file: READER }, { args: ['--crc32c', Buffer.from(bytes).toString('hex')] });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { crc: number; masked: number };
}
