/** Test helper: runs reference_losses.py with Debian's /usr/bin/python3 (numpy) and parses its JSON answer. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./reference_losses.py', import.meta.url));

/** Typed arrays are sent as plain number lists (float32 values are exact in JSON's float64). */
export function runLossReference<T>(request: Record<string, unknown>): T {
  const json = JSON.stringify(request, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value));
  const stdout = execFileSync('/usr/bin/python3', [SCRIPT], { input: json, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(stdout) as T;
}
