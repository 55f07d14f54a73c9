/** FoldTree2 weight names and layouts: the only import path for code outside this folder. */
export {
  exportedKeys,
  FOLDTREE2_WEIGHTS_FORMAT,
  foldtree2MappingRows,
  fromFoldtree2Weights,
  STUDIO_KEY_PREFIX,
  toFoldtree2Weights,
  type MappingRow,
} from './weight-mapping';
export { EDGE_ATTR_RATIO, LAYOUTS, type Layout } from './layouts';
export {
  foldtree2StateDict,
  FOLDTREE2_DECODER_HEADS,
  FOLDTREE2_ENCODER_HEADS,
  type Foldtree2Build,
  type StateDictEntry,
} from './foldtree2-state-dict';
export { type EmaBuffers } from './ema-buffers';
export { foldtree2BuildProblems, foldtree2BuildOf } from './buildable';
