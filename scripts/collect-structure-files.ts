/** Expands the CLI's files-or-folders arguments into a sorted list of structure files. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileKind } from '../src/data/file-kind';
import { UsageError } from './build-dataset-args';

export function collectStructureFiles(inputs: readonly string[]): string[] {
  const found: string[] = [];
  for (const input of inputs) {
    let stats;
    try {
      stats = statSync(input);
    } catch {
      throw new UsageError(`${input}: no such file or folder`);
    }
    if (stats.isDirectory()) found.push(...walk(input));
    else found.push(input);
  }
  return [...new Set(found)];
}

function walk(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile() && fileKind(entry.name) === 'structure') files.push(path);
  }
  return files;
}
