/** FoldTree2 weight names and layouts: the only import path for code outside this folder. */
export { exportedKeys, FOLDTREE2_WEIGHTS_FORMAT, foldtree2MappingRows, fromFoldtree2Weights, STUDIO_KEY_PREFIX, toFoldtree2Weights, type MappingRow } from './weight-mapping';
export { EDGE_ATTR_RATIO, LAYOUTS, type Layout } from './layouts';
export { foldtree2OnlyTensors, type Foldtree2OnlyTensor, type Foldtree2Widths } from './foldtree2-only';
