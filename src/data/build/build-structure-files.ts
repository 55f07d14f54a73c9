/**
 * Many structure files → one list of graphs: each file built in turn, a file that cannot be read listed with its
 * reason, and a protein id that an earlier file already gave listed as a duplicate. Shared by the dataset worker
 * (user-picked files) and `npm run build-dataset`.
 */
import type { ProteinGraph, SkippedItem } from '../../protocol/protein-graph';
import { buildProteinGraphs, type BuildOptions, type BuildResult } from './build-protein-graphs';

export interface StructureInput {
  /** File name: gives the protein ids. */
  readonly name: string;
  /** How messages name the file (a path in the CLI); default `name`. */
  readonly label?: string;
  bytes(): Promise<Uint8Array>;
}

export async function buildStructureFiles(
  inputs: readonly StructureInput[],
  options: BuildOptions = {},
  onFile: (index: number, input: StructureInput) => void = () => undefined,
): Promise<BuildResult> {
  const graphs: ProteinGraph[] = [];
  const skipped: SkippedItem[] = [];
  /** Protein id → the file (as messages name it) that gave it first. */
  const seen = new Map<string, string>();
  for (const [k, input] of inputs.entries()) {
    onFile(k, input);
    const label = input.label ?? input.name;
    try {
      const built = await buildProteinGraphs(input.name, await input.bytes(), options);
      skipped.push(...built.skipped);
      for (const graph of built.graphs) {
        const first = seen.get(graph.id);
        if (first !== undefined) {
          const reason = `duplicate protein id ${graph.id}: ${first} already gave it (same file name and chain; rename one file to keep both)`;
          skipped.push({ source: `${label}:${graph.id}`, reason });
        } else {
          graphs.push(graph);
          seen.set(graph.id, label);
        }
      }
    } catch (error) {
      skipped.push({ source: label, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { graphs, skipped };
}
