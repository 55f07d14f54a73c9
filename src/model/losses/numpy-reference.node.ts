/** Test helper: runs losses_reference.py with Debian's /usr/bin/python3 (numpy) and parses its JSON answer. */
import { fileURLToPath } from 'node:url';
import { runPython } from '../../shared/python-reference.node';

const SCRIPT = fileURLToPath(new URL('./losses_reference.py', import.meta.url));

/** Typed arrays are sent as plain number lists (float32 values are exact in JSON's float64). */
export function runLossReference<T>(request: Record<string, unknown>): T {
  const json = JSON.stringify(request, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value,
  );
  const stdout = runPython({ file: SCRIPT }, { input: json });
  return JSON.parse(stdout) as T;
}
