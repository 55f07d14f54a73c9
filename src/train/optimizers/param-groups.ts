/**
 * Which optimizer updates which parameter: FoldTree2's rule for `MuonWithAuxAdam` (foldtree2-reference §4.1),
 * read from our names instead of module attributes, with its gaps closed.
 *
 * - Muon: weights with ≥ 2 dimensions directly under the `body` of the encoder (`encoder.body.…`, when Muon is on
 *   for the encoder) or of a decoder (`decoder.<name>.body.…`, when on for the decoders).
 * - AdamW: every other trainable parameter — `input` and `head` parts, biases, norms, position MLPs, the contact
 *   temperature/bias. FoldTree2 leaves everything outside input/body/head out of both groups and never trains it
 *   (§7.5); here nothing trainable is left out.
 * - None: the codebook when EMA maintains it (its value is overwritten by the EMA update every step).
 * - Body weights whose Muon matrices are vectors (one side 1, e.g. the TransformerConv edge weight (1, H·h)) go to
 *   AdamW by default: muon.py would scale such an update by √(H·h) ≈ 49 (§7.6), and a vector has no spectrum to
 *   orthogonalise. `vectorLikeToAdamW: false` restores FoldTree2's placement.
 */
import { CODEBOOK_PARAMETER } from '../../model/quantizer/quantizer-specs';
import {
  ADAMW_DEFAULTS,
  AUX_ADAMW_DEFAULTS,
  MUON_DEFAULTS,
  type AdamWHyperParameters,
  type MuonHyperParameters,
} from './hyperparameters';
import { muonMatrixView } from './muon-matrix-view';
import type { OptimizerGroupName } from './optimizer';

export interface ParameterShapeInfo {
  readonly name: string;
  readonly shape: readonly number[];
}

export interface GroupingOptions {
  /** Muon for the encoder's and every decoder's body (FoldTree2 `--use-muon`). */
  readonly useMuon: boolean;
  /** Muon for the encoder's body only (`--use-muon-encoder`). */
  readonly useMuonEncoder: boolean;
  /** Muon for the decoders' bodies only (`--use-muon-decoders`). */
  readonly useMuonDecoders: boolean;
  /** The codebook is an EMA (`--EMA`): no optimizer touches it. */
  readonly ema: boolean;
  /** Muon's learning rate (`--muon-lr`, default 0.02). */
  readonly muonLr?: number;
  /** AdamW's learning rate beside Muon (`--adamw-lr`, default 3e-4). */
  readonly adamwLr?: number;
  /** AdamW's learning rate when Muon is off (`--learning-rate`, default 1e-4). */
  readonly learningRate?: number;
  /** Overrides of the remaining Muon hyper-parameters. */
  readonly muon?: Partial<MuonHyperParameters>;
  /** Overrides of the remaining AdamW hyper-parameters (applied over the Muon-on or Muon-off set). */
  readonly adamw?: Partial<AdamWHyperParameters>;
  /** Vector-shaped body weights to AdamW rather than Muon (default true; see the file comment). */
  readonly vectorLikeToAdamW?: boolean;
}

export type GroupAssignment = OptimizerGroupName | 'none';

export interface ParameterGroups {
  readonly muon: { readonly hyper: MuonHyperParameters; readonly names: readonly string[] };
  readonly adamw: { readonly hyper: AdamWHyperParameters; readonly names: readonly string[] };
  /** Parameters no optimizer updates, each with the reason. */
  readonly none: readonly { readonly name: string; readonly reason: string }[];
  /** Every parameter's group, in input order: each name exactly once. */
  readonly assignment: ReadonlyMap<string, GroupAssignment>;
}

/** Splits `params` into the Muon group, the AdamW group and the parameters no optimizer updates. */
export function groupParameters(params: readonly ParameterShapeInfo[], options: GroupingOptions): ParameterGroups {
  const muonEncoder = options.useMuon || options.useMuonEncoder;
  const muonDecoders = options.useMuon || options.useMuonDecoders;
  const anyMuon = muonEncoder || muonDecoders;
  const muonHyper: MuonHyperParameters = {
    ...MUON_DEFAULTS,
    ...options.muon,
    ...(options.muonLr === undefined ? {} : { lr: options.muonLr }),
  };
  const lr = anyMuon ? options.adamwLr : options.learningRate;
  const adamwHyper: AdamWHyperParameters = {
    ...(anyMuon ? AUX_ADAMW_DEFAULTS : ADAMW_DEFAULTS),
    ...options.adamw,
    ...(lr === undefined ? {} : { lr }),
  };
  const vectorLikeToAdamW = options.vectorLikeToAdamW ?? true;

  const assignment = new Map<string, GroupAssignment>();
  const none: { name: string; reason: string }[] = [];
  for (const { name, shape } of params) {
    if (assignment.has(name)) throw new Error(`parameter ${name} is listed twice`);
    if (name === CODEBOOK_PARAMETER && options.ema) {
      assignment.set(name, 'none');
      none.push({ name, reason: 'EMA codebook: set by the EMA update, not by gradients' });
      continue;
    }
    const inMuonBody = (muonEncoder && isEncoderBody(name)) || (muonDecoders && isDecoderBody(name));
    // muonMatrixView throws for weights Muon cannot view as matrices (> 3-D), naming the shape.
    const matrix =
      inMuonBody && shape.length >= 2 && !(vectorLikeToAdamW && muonMatrixView(shape, muonHyper.convMode).rows <= 1);
    assignment.set(name, matrix ? 'muon' : 'adamw');
  }
  const namesOf = (group: GroupAssignment): string[] => [...assignment].filter(([, g]) => g === group).map(([n]) => n);
  return {
    muon: { hyper: muonHyper, names: namesOf('muon') },
    adamw: { hyper: adamwHyper, names: namesOf('adamw') },
    none,
    assignment,
  };
}

/** `encoder.body.…` */
export function isEncoderBody(name: string): boolean {
  const parts = name.split('.');
  return parts[0] === 'encoder' && parts[1] === 'body';
}

/** `decoder.<decoder>.body.…` */
export function isDecoderBody(name: string): boolean {
  const parts = name.split('.');
  return parts[0] === 'decoder' && parts[2] === 'body';
}

/** One line of a group listing for display: group, parameter count, scalar count and the names. */
export interface GroupListingRow {
  readonly group: GroupAssignment;
  readonly parameters: number;
  readonly scalars: number;
  readonly names: readonly string[];
}

/** The groups as rows for a table (Muon, AdamW, none), scalars counted from `params`' shapes. */
export function groupListing(groups: ParameterGroups, params: readonly ParameterShapeInfo[]): GroupListingRow[] {
  const size = new Map(params.map((p) => [p.name, p.shape.reduce((a, b) => a * b, 1)]));
  const row = (group: GroupAssignment, names: readonly string[]): GroupListingRow => ({
    group,
    parameters: names.length,
    scalars: names.reduce((sum, n) => sum + (size.get(n) ?? 0), 0),
    names,
  });
  return [
    row('muon', groups.muon.names),
    row('adamw', groups.adamw.names),
    row(
      'none',
      groups.none.map((n) => n.name),
    ),
  ];
}
