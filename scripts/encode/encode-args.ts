/** Command-line arguments of `npm run encode`, parsed without side effects so they can be tested. */

export interface EncodeArgs {
  /** `.safetensors` (studio or FoldTree2 names) or `.ftsckpt`. */
  readonly weights: string;
  /** One `.h5` dataset, or PDB / mmCIF files and folders. */
  readonly inputs: readonly string[];
  /** The encoded FASTA; the per-residue table goes beside it (`out.tsv`) and the token table too (`out.tokens.csv`). */
  readonly output: string;
  /** A run config (YAML/JSON) naming the model the weights belong to; without it the preset is found from shapes. */
  readonly config: string | undefined;
  readonly overwrite: boolean;
}

export const ENCODE_USAGE = `Usage: npm run encode -- --weights W.ftsckpt|W.safetensors --dataset X.h5 -o out.fasta
       npm run encode -- --weights W.safetensors <PDB/mmCIF files or folders...> -o out.fasta

Runs a trained tokenizer over every protein and writes its structural tokens:
  out.fasta        one record per protein in FoldTree2's encoded-FASTA alphabet (docs/encoded-fasta.md)
  out.tsv          one row per residue: protein, residue, amino_acid, token, plddt, dssp
  out.tokens.csv   what each token means: residues, H/E/C %, mean pLDDT, frequent amino acids

Options:
  --weights FILE     weights: the studio's or FoldTree2's safetensors, or a .ftsckpt checkpoint (required)
  --dataset FILE     a FoldTree2-layout .h5 file (or give structure files / folders instead)
  -o, --output FILE  the encoded FASTA to write (required)
  --config FILE      the run config the weights were trained with (default: the preset whose shapes fit)
  --overwrite        replace existing output files
  -h, --help         show this help`;

export class UsageError extends Error {}

/** Parses argv (without `node script`); throws UsageError naming the bad flag. */
export function parseEncodeArgs(argv: readonly string[]): EncodeArgs | 'help' {
  const inputs: string[] = [];
  let weights: string | undefined;
  let output: string | undefined;
  let config: string | undefined;
  let overwrite = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    const value = (flag: string): string => {
      const next = argv[++k];
      if (next === undefined || next.startsWith('-')) throw new UsageError(`${flag} needs a file name`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        return 'help';
      case '--weights':
        weights = value(arg);
        break;
      case '--dataset':
        inputs.push(value(arg));
        break;
      case '-o':
      case '--output':
        output = value(arg);
        break;
      case '--config':
        config = value(arg);
        break;
      case '--overwrite':
        overwrite = true;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
        inputs.push(arg);
    }
  }
  if (!weights) throw new UsageError('--weights is required');
  if (!output) throw new UsageError('-o out.fasta is required');
  if (inputs.length === 0) throw new UsageError('give --dataset X.h5 or structure files to encode');
  if (inputs.some((input) => input.endsWith('.h5')) && inputs.length > 1)
    throw new UsageError('encode one .h5 dataset at a time (structure files may be many)');
  return { weights, inputs, output, config, overwrite };
}

/** Where the per-residue table and the token table go beside the FASTA `output`. */
export function companionPaths(output: string): { table: string; tokens: string } {
  const stem = output.replace(/\.(fasta|fa|faa)$/i, '');
  return { table: `${stem}.tsv`, tokens: `${stem}.tokens.csv` };
}
