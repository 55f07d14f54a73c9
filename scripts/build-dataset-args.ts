/** Command-line arguments of `npm run build-dataset`, parsed without side effects so they can be tested. */

export interface BuildDatasetArgs {
  /** Files or folders (searched recursively) holding PDB / mmCIF files, plain or gzip. */
  readonly inputs: readonly string[];
  /** Output HDF5 path. */
  readonly output: string;
  /** CA–CA contact cutoff in Å. */
  readonly contactCutoff: number;
  /** Chains longer than this are skipped with a reason; undefined keeps every length. */
  readonly maxResidues: number | undefined;
  /** Only this chain id from every file; undefined builds every protein chain. */
  readonly chain: string | undefined;
  /** Replace an existing output file. */
  readonly overwrite: boolean;
  /**
   * Write exactly FoldTree2's layout (positions stored, no compression) for FoldTree2's own code; by default the
   * file is compact: gzip'd, with `positions` recomputed by our reader (about 2× smaller).
   */
  readonly foldtree2Exact: boolean;
}

export const BUILD_DATASET_USAGE = `Usage: npm run build-dataset -- <files or folders...> -o out.h5 [options]

Builds FoldTree2-layout protein graphs from PDB / mmCIF files (plain or .gz) into one HDF5 file.

Options:
  -o, --output FILE        output .h5 file (required)
  --contact-cutoff A       CA-CA contact cutoff in angstrom (default 15)
  --max-residues N         skip chains longer than N residues (default: no limit)
  --chain ID               only this chain from every file (default: every protein chain)
  --foldtree2-exact        FoldTree2's builder output: 857-column res.x (AAindex1), godnodes, window edges,
                           contact edge_attr 2 x distance, positions stored, no compression
                           (default: compact file, gzip'd, positions recomputed on load, ~2x smaller)
  --overwrite              replace the output file if it exists
  -h, --help               show this help`;

export class UsageError extends Error {}

function positiveNumber(flag: string, text: string | undefined, integer: boolean): number {
  const value = Number(text);
  if (
    text === undefined ||
    text.startsWith('-') ||
    !Number.isFinite(value) ||
    value <= 0 ||
    (integer && !Number.isInteger(value))
  ) {
    throw new UsageError(
      `${flag} needs a positive ${integer ? 'integer' : 'number'}, got ${text === undefined ? 'nothing' : `'${text}'`}`,
    );
  }
  return value;
}

/** Parses argv (without `node script`); throws UsageError with a message that names the bad flag. */
export function parseBuildDatasetArgs(argv: readonly string[]): BuildDatasetArgs | 'help' {
  const inputs: string[] = [];
  let output: string | undefined;
  let contactCutoff = 15;
  let maxResidues: number | undefined;
  let chain: string | undefined;
  let overwrite = false;
  let foldtree2Exact = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    const next = () => argv[++k];
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '-o':
      case '--output': {
        const value = next();
        if (!value || value.startsWith('-')) throw new UsageError(`${arg} needs a file name`);
        output = value;
        break;
      }
      case '--contact-cutoff':
        contactCutoff = positiveNumber(arg, next(), false);
        break;
      case '--max-residues':
        maxResidues = positiveNumber(arg, next(), true);
        break;
      case '--chain': {
        const value = next();
        if (value === undefined) throw new UsageError('--chain needs a chain id');
        chain = value;
        break;
      }
      case '--overwrite':
        overwrite = true;
        break;
      case '--foldtree2-exact':
        foldtree2Exact = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
        inputs.push(arg);
    }
  }
  if (inputs.length === 0) throw new UsageError('give at least one structure file or folder');
  if (!output) throw new UsageError('give the output file with -o out.h5');
  return { inputs, output, contactCutoff, maxResidues, chain, overwrite, foldtree2Exact };
}
