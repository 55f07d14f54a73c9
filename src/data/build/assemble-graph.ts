/** Computes every node and edge type of one chain's ProteinGraph from its residues. */
import {
  EDGE_TYPES,
  NODE_TYPES,
  type EdgeList,
  type NodeMatrix,
  type ProteinGraph,
} from '../../protocol/protein-graph';
import { backboneEdges } from '../features/backbone-edges';
import { contactEdges } from '../features/contacts';
import { backboneDihedrals } from '../features/dihedrals';
import { distanceRowSpectrum } from '../features/distance-spectrum';
import { FOURIER_1D_COEFFICIENTS, rowFourier } from '../features/fourier-1d';
import { cornerFourier, FOURIER_2D_VALUES } from '../features/fourier-2d';
import { localFrames } from '../features/local-frames';
import { classifyBColumn, type BColumnHeader } from '../features/plddt-source';
import { POSITION_CODE_DIM, positionEncoding } from '../features/position-encoding';
import { assignSecondaryStructure } from '../features/secondary-structure';
import type { Residue } from '../structure/structure-types';
import { backboneCoordinates } from './chain-backbone';
import { residueFeatureMatrix } from './residue-feature-matrix';
import { aminoAcidIndex, oneLetterCode } from './residue-names';
import { hbondEdgeList, secondaryStructureOneHot } from './secondary-structure-nodes';

export interface GraphInput {
  readonly id: string;
  /** Rows of the graph, in order (see chain-residues.ts). */
  readonly residues: readonly Residue[];
  readonly header: BColumnHeader;
  /** Å. */
  readonly contactCutoff: number;
}

function matrix(data: Float32Array, rows: number, cols: number): NodeMatrix {
  return { data, rows, cols };
}

/** @returns the chain's graph; rows are aligned residue by residue (no mk1 one-residue shift). */
export function assembleGraph(input: GraphInput): ProteinGraph {
  const { residues } = input;
  const n = residues.length;
  const sequence = residues.map((r) => oneLetterCode(r.name) ?? 'X').join('');
  const backbone = backboneCoordinates(residues);
  const aminoAcids = new Float32Array(n * 20);
  [...sequence].forEach((letter, i) => {
    aminoAcids[20 * i + aminoAcidIndex(letter)] = 1;
  });
  // CA is present on every row (chain-residues.ts), so coords has no NaN.
  const coords = backbone.ca;
  const plddt = Float32Array.from(residues, (r) => (r.atoms.get('CA')?.bFactor ?? 0) / 100);
  const dihedrals = backboneDihedrals(backbone);
  const frames = localFrames(backbone);
  const secondary = assignSecondaryStructure(backbone);
  const spectrum = distanceRowSpectrum(coords, n, FOURIER_1D_COEFFICIENTS);
  const fourier1d = rowFourier(spectrum);
  const fourier2d = cornerFourier(spectrum);
  const nodes: Record<string, NodeMatrix> = {
    [NODE_TYPES.res]: residueFeatureMatrix({
      length: n,
      angles: dihedrals.angles,
      angleDefined: dihedrals.defined,
      aminoAcids,
      rotations: frames.rotations,
      translations: frames.translations,
    }),
    [NODE_TYPES.aa]: matrix(aminoAcids, n, 20),
    [NODE_TYPES.coords]: matrix(coords, n, 3),
    [NODE_TYPES.frames]: matrix(frames.rotations, n, 9),
    [NODE_TYPES.translations]: matrix(frames.translations, n, 3),
    [NODE_TYPES.angles]: matrix(dihedrals.angles, n, 3),
    [NODE_TYPES.plddt]: matrix(plddt, n, 1),
    [NODE_TYPES.positions]: matrix(positionEncoding(n), n, POSITION_CODE_DIM),
    [NODE_TYPES.ss]: matrix(secondaryStructureOneHot(secondary.states), n, 3),
    [NODE_TYPES.fourier1dMagnitude]: matrix(fourier1d.magnitude, n, FOURIER_1D_COEFFICIENTS),
    [NODE_TYPES.fourier1dPhase]: matrix(fourier1d.phase, n, FOURIER_1D_COEFFICIENTS),
    [NODE_TYPES.fourier2dMagnitude]: matrix(fourier2d.magnitude, 1, FOURIER_2D_VALUES),
    [NODE_TYPES.fourier2dPhase]: matrix(fourier2d.phase, 1, FOURIER_2D_VALUES),
  };
  const { backbone: forward, backboneReverse } = backboneEdges(n);
  const edges: Record<string, EdgeList> = {
    [EDGE_TYPES.contacts]: contactEdges(coords, n, input.contactCutoff),
    [EDGE_TYPES.backbone]: forward,
    [EDGE_TYPES.backboneReverse]: backboneReverse,
    [EDGE_TYPES.hbond]: hbondEdgeList(secondary.hbonds),
  };
  return {
    id: input.id,
    length: n,
    sequence,
    plddtSource: classifyBColumn(input.header, residues),
    contactCutoff: input.contactCutoff,
    nodes,
    edges,
  };
}
