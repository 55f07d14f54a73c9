/**
 * The generated parts of docs/foldtree2-weights.md: the mapping table of the `foldtree2` preset and the list of
 * FoldTree2 tensors the studio does not fill. Each lives between BEGIN/END GENERATED markers; prose around them is
 * hand-written. Pure string work: the writer script does the file I/O, the doc test compares.
 */
import { modelSpecs } from '../../model/model-specs';
import { MODEL_PRESETS } from '../../model/presets';
import { foldtree2BuildOf } from './buildable';
import { foldtree2EmaTensors } from './ema-buffers';
import { foldtree2StateDict, type StateDictEntry } from './foldtree2-state-dict';
import { shapeText } from './layouts';
import { exportedKeys, foldtree2MappingRows, type MappingRow } from './weight-mapping';

export const MAPPING_DOC_URL = new URL('../../../docs/foldtree2-weights.md', import.meta.url);
export const REGENERATE_COMMAND = 'npx tsx src/train/foldtree2-weights/write-mapping-doc.node.ts';

const SECTIONS = ['mapping table', 'FoldTree2-only tensors'] as const;
type Section = (typeof SECTIONS)[number];

const begin = (section: Section): string => `<!-- BEGIN GENERATED: ${section} (${REGENERATE_COMMAND}) -->`;
const end = (section: Section): string => `<!-- END GENERATED: ${section} -->`;
const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

/** FoldTree2's `res.x` width (foldtree2-reference §1.3), the encoder input the table is written for. */
export const FOLDTREE2_RES_WIDTH = 857;

/** The `foldtree2` preset's parameters with FoldTree2's input width. */
export function foldtree2PresetRows(): MappingRow[] {
  return foldtree2MappingRows(modelSpecs(MODEL_PRESETS.foldtree2, FOLDTREE2_RES_WIDTH));
}

/** Notes for the FoldTree2 tensors no studio parameter fills. */
const UNFILLED_NOTES: Readonly<Record<string, string>> = {
  'encoder.vector_quantizer.ema_w': "EMA sums: written from the studio's EMA state (ema-buffers.ts), not a parameter",
  'encoder.vector_quantizer.ema_cluster_size': "EMA cluster sizes: written from the studio's EMA state",
  'encoder.vector_quantizer.running_prior':
    "running code-usage prior: the studio keeps none; written as FoldTree2's initial uniform 1/K",
  'encoder.vector_quantizer.embedding_usage_count':
    "int64 usage counter; the export is float32 only, the hand-over script writes zeros (FoldTree2's initial value)",
};

/** FoldTree2 state_dict entries of the `foldtree2` preset that no studio parameter fills (EMA state and counters). */
export function foldtree2PresetOnlyTensors(): StateDictEntry[] {
  const preset = MODEL_PRESETS.foldtree2;
  const mapped = new Set(foldtree2PresetRows().flatMap((row) => (row.foldtree2 === null ? [] : [row.foldtree2])));
  return foldtree2StateDict(foldtree2BuildOf(preset, FOLDTREE2_RES_WIDTH)).filter((entry) => !mapped.has(entry.key));
}

/** The keys an export adds from the EMA state (for the table's "filled" column). */
const EMA_KEYS = new Set(
  foldtree2EmaTensors({
    clusterSize: { shape: [1], data: new Float32Array(1) },
    emaW: { shape: [1, 1], data: new Float32Array(1) },
  }).keys(),
);

export function renderMappingTable(rows: readonly MappingRow[]): string {
  const lines = rows.map((row) => {
    const key = row.foldtree2 === null ? `— (${code(exportedKeys(row)[0] ?? '')})` : code(row.foldtree2);
    const target = row.foldtree2Shape === null ? '—' : shapeText(row.foldtree2Shape);
    const how = row.foldtree2 === null ? 'studio only' : row.layout;
    return `| ${code(row.studio)} | ${key} | ${shapeText(row.studioShape)} | ${target} | ${cell(`${how}: ${row.note}`)} |`;
  });
  return [
    '| studio name | FoldTree2 key | studio shape | FoldTree2 shape | transform: note |',
    '|---|---|---|---|---|',
    ...lines,
  ].join('\n');
}

export function renderFoldtree2Only(tensors: readonly StateDictEntry[]): string {
  const lines = tensors.map((t) => {
    const filled = EMA_KEYS.has(t.key) ? 'yes (EMA state)' : 'no';
    return `| ${code(t.key)} | ${shapeText(t.shape)} | ${t.dtype} | ${filled} | ${cell(UNFILLED_NOTES[t.key] ?? '')} |`;
  });
  return ['| FoldTree2 key | shape | dtype | in the export | what it is |', '|---|---|---|---|---|', ...lines].join(
    '\n',
  );
}

function generated(section: Section): string {
  return section === 'mapping table'
    ? renderMappingTable(foldtree2PresetRows())
    : renderFoldtree2Only(foldtree2PresetOnlyTensors());
}

/** `markdown` with every generated section replaced by what the code produces now. */
export function regenerateDoc(markdown: string): string {
  let out = markdown;
  for (const section of SECTIONS) {
    const [open, close] = [begin(section), end(section)];
    const from = out.indexOf(open);
    const to = out.indexOf(close);
    if (from < 0 || to < from)
      throw new Error(`docs/foldtree2-weights.md lacks the markers of the generated ${section}`);
    out = `${out.slice(0, from + open.length)}\n${generated(section)}\n${out.slice(to)}`;
  }
  return out;
}

export interface DocumentedRow {
  readonly studio: string;
  /** The transform column's word: a layout, or `studio only`. */
  readonly transform: string;
  /** The key in the file: the FoldTree2 key, or `studio.<name>`. */
  readonly fileKey: string;
  readonly studioShape: readonly number[];
  /** Shape under `fileKey` (the studio shape for `studio.` keys). */
  readonly fileShape: readonly number[];
}

const parseShape = (text: string): number[] =>
  text.trim() === '[]' ? [] : text.trim().slice(1, -1).split(',').map(Number);

/** The mapping table as written in the doc, for checks that read the doc itself. */
export function parseMappingTable(markdown: string): DocumentedRow[] {
  const body = markdown.slice(markdown.indexOf(begin('mapping table')), markdown.indexOf(end('mapping table')));
  return body
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
      const [studio = '', key = '', studioShape = '', target = '', how = ''] = cells;
      const unquote = (text: string): string => /`([^`]+)`/.exec(text)?.[1] ?? '';
      const shape = parseShape(studioShape);
      const transform = how.slice(0, how.indexOf(':'));
      return {
        studio: unquote(studio),
        transform,
        fileKey: unquote(key),
        studioShape: shape,
        fileShape: target === '—' ? shape : parseShape(target),
      };
    });
}
