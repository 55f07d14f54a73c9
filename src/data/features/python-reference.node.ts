/**
 * Test helper: runs a reference script with Debian's /usr/bin/python3 (numpy, Bio.PDB, gemmi) and parses
 * the JSON it prints. Node only; each test file calls it once and keeps the result.
 */
import { fileURLToPath } from 'node:url';
import { runPythonJson } from '../../shared/python-reference.node';
import { FIXTURE_DIR } from '../structure/fixture-files.node';

/**
 * @param script path of the .py file relative to src/data (e.g. `features/features_reference.py`).
 * @param request JSON passed on stdin; the script reads fixture paths relative to `fixtures_dir`.
 */
export function runPythonReference<T>(script: string, request: object): T {
  const scriptPath = fileURLToPath(new URL(`../${script}`, import.meta.url));
  return runPythonJson<T>({ file: scriptPath }, { input: JSON.stringify({ fixtures_dir: FIXTURE_DIR, ...request }) });
}
