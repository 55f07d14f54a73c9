import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { crc32, zipStore } from './zip-store';
import { runPython } from './python-reference.node';

test('CRC-32 of the standard check string', () => {
  expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
});

test("Python's zipfile reads the archive back: names, bytes, CRC check", () => {
  const binary = Uint8Array.from({ length: 70_000 }, (_, k) => (k * 7919) % 251);
  const archive = zipStore([
    { name: 'run-foldtree2/foldtree2.yaml', data: new TextEncoder().encode('hidden_size: 40\n') },
    { name: 'run-foldtree2/foldtree2.safetensors', data: binary },
    { name: 'run-foldtree2/é.txt', data: new Uint8Array() },
  ]);
  const path = join(mkdtempSync(join(tmpdir(), 'zip-')), 'a.zip');
  writeFileSync(path, archive);
  const script = [
    'import hashlib, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'print(json.dumps([[i.filename, i.file_size, hashlib.sha256(z.read(i)).hexdigest()] for i in z.infolist()]))',
  ].join('\n');
  const read = JSON.parse(runPython({ code: script }, { args: [path] })) as [string, number, string][];
  const sha = (data: Uint8Array): string =>
    runPython(
      { code: 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())' },
      { input: data },
    ).trim();
  expect(read).toEqual([
    ['run-foldtree2/foldtree2.yaml', 16, sha(new TextEncoder().encode('hidden_size: 40\n'))],
    ['run-foldtree2/foldtree2.safetensors', 70_000, sha(binary)],
    ['run-foldtree2/é.txt', 0, sha(new Uint8Array())],
  ]);
});
