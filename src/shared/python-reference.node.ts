/**
 * Test helper: the one way tests run a Python reference. Debian's /usr/bin/python3 has NumPy (and the reference
 * packages the tests name); the pyenv `python3` on PATH does not. A script is a file beside the test (the reference
 * implementations, each named `<subject>_reference.py`) or a few lines of inline code.
 */
import { execFileSync, spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** A reference script's path, or inline code run with `-c`. */
export type PythonScript = { readonly file: string } | { readonly code: string };

export interface PythonOptions {
  /** Command-line arguments after the script. */
  readonly args?: readonly string[];
  /** What the script reads on stdin. */
  readonly input?: string | Uint8Array;
}

const argv = (script: PythonScript, args: readonly string[] = []) =>
  'file' in script ? [script.file, ...args] : ['-c', script.code, ...args];

/** Runs `script` and returns its stdout; throws (with its stderr) when it exits with an error. */
export function runPython(script: PythonScript, options: PythonOptions = {}): string {
  return execFileSync(PYTHON, argv(script, options.args), {
    encoding: 'utf8',
    maxBuffer: 1 << 29,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
}

/** Runs `script` and parses its stdout as JSON. */
export function runPythonJson<T>(script: PythonScript, options: PythonOptions = {}): T {
  return JSON.parse(runPython(script, options)) as T;
}

/** Runs `script` without throwing: its exit status, stdout and stderr. */
export function tryPython(
  script: PythonScript,
  options: PythonOptions = {},
): { readonly status: number | null; readonly stdout: string; readonly stderr: string } {
  const run = spawnSync(PYTHON, argv(script, options.args), {
    encoding: 'utf8',
    maxBuffer: 1 << 29,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Whether `module` imports in the reference Python (a test that needs it says so and is skipped otherwise). */
export function pythonHas(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}
