/**
 * One error type for everything wrong with a structs file, its message always starting with the file name and,
 * where it applies, the protein id and the dataset: `sample.h5: protein 1a5z_A: node/coords/x: <problem>`.
 */

/** Where a problem is. `dataset` is relative to the protein group (`node/coords/x`) or the file root. */
export interface StructsErrorContext {
  readonly file: string;
  readonly protein?: string;
  readonly dataset?: string;
}

export class StructsFileError extends Error {
  override readonly name = 'StructsFileError';
  readonly file: string;
  readonly protein: string | null;
  readonly dataset: string | null;
  /** The problem alone, without the location prefix (for SkippedItem reasons that carry the location). */
  readonly problem: string;

  constructor(context: StructsErrorContext, problem: string) {
    super(formatLocation(context) + problem);
    this.file = context.file;
    this.protein = context.protein ?? null;
    this.dataset = context.dataset ?? null;
    this.problem = problem;
  }
}

function formatLocation(context: StructsErrorContext): string {
  let prefix = `${context.file}: `;
  if (context.protein !== undefined) prefix += `protein ${context.protein}: `;
  if (context.dataset !== undefined) prefix += `${context.dataset}: `;
  return prefix;
}

/**
 * The last, most specific line of an HDF5 error stack (`truncated file: eof = 4238, ...`), or the first line of
 * any other error. h5wasm's throwing handler puts the whole multi-line HDF5-DIAG stack into `message`.
 */
export function summarizeHdf5Error(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const details = [...text.matchAll(/#\d+: .* in [\w.]+\(\): (.+)$/gm)].map((match) => match[1]?.trim() ?? '');
  const last = details.filter((d) => d.length > 0).at(-1);
  return last ?? text.split('\n')[0]?.trim() ?? text;
}
