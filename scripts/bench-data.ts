/**
 * `npm run bench:data`: proteins per second for building graphs from structure files and for reading them back
 * from HDF5 (compact and FoldTree2-plain files), written to bench/data.json. A benchmark, not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureDataPipeline } from './bench/data-bench';
import { describeMachine } from './bench/machine';

const folder = resolve(import.meta.dirname, '../bench');
const result = { date: new Date().toISOString(), machine: describeMachine(), ...(await measureDataPipeline()) };
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'data.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`→ ${join(folder, 'data.json')}`);
