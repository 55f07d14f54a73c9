/**
 * Rebuilds the bundled sample `public/sample/sample-structs.h5` from the real structures beside the repository:
 *
 *   npm run build-sample [-- <structures folder>]   (default ../shared/data/structures)
 *
 * Every AlphaFold model plus a family-diverse pick of about 200 chains (scripts/sample-selection.ts), built with
 * the default 15 Å contacts into a compact file, and a manifest of what went in.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildProteinGraphs } from '../src/data/build/build-protein-graphs';
import type { ProteinGraph, SkippedItem } from '../src/protocol/protein-graph';
import { ProgressBar } from './progress-bar';
import { parseManifest, selectSampleChains } from './sample-selection';
import { writeStructsFile } from './write-structs-file';

const LIMITS = { chains: 200, residueBudget: 31_000, minResidues: 30, maxResidues: 300 };
const MAX_BYTES = 30 * 1024 * 1024;
const root = resolve(import.meta.dirname, '..');
const structures = resolve(process.argv[2] ?? join(root, '../shared/data/structures'));
const outputFolder = join(root, 'public/sample');
const output = join(outputFolder, 'sample-structs.h5');

const manifest = parseManifest(readFileSync(join(structures, 'manifest.tsv'), 'utf8'));
const selection = selectSampleChains(manifest, LIMITS);
const graphs: ProteinGraph[] = [];
const skipped: SkippedItem[] = [];
const progress = new ProgressBar(selection.length);
for (const [k, pick] of selection.entries()) {
  progress.update(k, `${pick.path}:${pick.chain}`);
  const built = await buildProteinGraphs(
    basename(pick.path),
    new Uint8Array(readFileSync(join(structures, pick.path))),
    { chain: pick.chain === '' ? '_' : pick.chain },
  );
  graphs.push(...built.graphs.filter((g) => !graphs.some((h) => h.id === g.id)));
  skipped.push(...built.skipped);
}
progress.update(selection.length, 'writing');
progress.finish();

mkdirSync(outputFolder, { recursive: true });
const bytes = await writeStructsFile(output, graphs, {
  contactCutoff: 15,
  compact: true,
  builderSettings: { sample: true, ...LIMITS },
});
if (bytes > MAX_BYTES) {
  rmSync(output);
  throw new Error(`sample is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the 30 MiB limit: lower LIMITS.residueBudget`);
}

const lines = graphs.map((g) => `| ${g.id} | ${g.length} | ${g.plddtSource} |`);
writeFileSync(
  join(outputFolder, 'README.md'),
  `# Bundled sample dataset\n\n\`sample-structs.h5\`: ${graphs.length} protein chains, ${graphs.reduce((s, g) => s + g.length, 0)} residues, ` +
    `${(bytes / 2 ** 20).toFixed(1)} MiB, built by \`npm run build-sample\` from real structures of public Debian packages ` +
    `(sources and licences: \`fixtures/structures/SOURCES.md\`). Contacts: CA–CA < 15 Å. Compact file: gzip'd datasets, ` +
    `\`positions\` recomputed on load.\n\nSkipped while building: ${skipped.map((s) => `${s.source} (${s.reason})`).join('; ') || 'none'}.\n\n` +
    `| protein | residues | B column |\n|---|---|---|\n${lines.join('\n')}\n`,
);
console.log(
  `Wrote ${output}: ${graphs.length} proteins, ${(bytes / 2 ** 20).toFixed(1)} MiB; skipped ${skipped.length}`,
);
