/**
 * Reader for PDBx/mmCIF coordinate files: the `_atom_site` loop (author chain / residue numbering, as the PDB
 * format and users see it) of the first data block and first model, plus the header items that tell what
 * the B column holds.
 */
import { CifLexer } from './cif-lexer';
import { findPredictor, isRealUnitCell } from './predictor-markers';
import { AtomSiteReader } from './mmcif-atom-site';
import type { ParsedStructure } from './structure-types';

/** Single-valued or looped items kept from the header, by tag. */
const HEADER_TAGS = new Set([
  '_struct.title',
  '_exptl.method',
  '_cell.length_a',
  '_cell.length_b',
  '_cell.length_c',
  '_software.name',
]);

function isNull(value: string, quoted: boolean): boolean {
  return !quoted && (value === '?' || value === '.');
}

const KEYWORD = /^(loop_|data_|save_|global_|stop_)/i;
/** First letters of the reserved words (l, d, s, g in either case), to skip the regex for numbers. */
const KEYWORD_START = new Set([108, 76, 100, 68, 115, 83, 103, 71]);

function isTagOrKeyword(lexer: CifLexer): boolean {
  if (lexer.quoted) return false;
  const v = lexer.value;
  const first = v.charCodeAt(0);
  if (first === 95 /* _ */) return true;
  return KEYWORD_START.has(first) && KEYWORD.test(v);
}

/**
 * Parses mmCIF text.
 * @throws Error naming the file when there is no `_atom_site` loop, a column it needs is missing, or a value
 * cannot be read.
 */
export function parseMmcif(fileName: string, text: string): ParsedStructure {
  const lexer = new CifLexer(text);
  const header = new Map<string, string[]>();
  let atomSite: AtomSiteReader | undefined;
  let hasQaMetric = false;
  let blocks = 0;
  const keep = (tag: string, value: string, quoted: boolean): void => {
    if (!HEADER_TAGS.has(tag) || isNull(value, quoted)) return;
    const list = header.get(tag) ?? [];
    list.push(value.trim());
    header.set(tag, list);
  };
  let pending = lexer.next();
  while (pending) {
    const token = lexer.value;
    if (!lexer.quoted && /^data_/i.test(token)) {
      if (++blocks > 1) break; // later blocks are other entries; the first one is the structure
      pending = lexer.next();
    } else if (!lexer.quoted && token.toLowerCase() === 'loop_') {
      const tags: string[] = [];
      while ((pending = lexer.next()) && !lexer.quoted && lexer.value.startsWith('_')) tags.push(lexer.value);
      if (tags.some((t) => t.startsWith('_ma_qa_metric'))) hasQaMetric = true;
      const isAtomSite = tags[0]?.startsWith('_atom_site.') === true;
      if (isAtomSite) atomSite ??= new AtomSiteReader(fileName, tags);
      if (isAtomSite && atomSite !== undefined) {
        while (pending && !isTagOrKeyword(lexer)) {
          atomSite.push(lexer.value, lexer.quoted, lexer.line);
          pending = lexer.next();
        }
        atomSite.endLoop();
        continue;
      }
      let column = 0;
      while (pending && !isTagOrKeyword(lexer)) {
        keep(tags[column] ?? '', lexer.value, lexer.quoted);
        column = (column + 1) % Math.max(1, tags.length);
        pending = lexer.next();
      }
    } else if (!lexer.quoted && token.startsWith('_')) {
      if (token.startsWith('_ma_qa_metric')) hasQaMetric = true;
      pending = lexer.next();
      if (pending && isTagOrKeyword(lexer)) continue; // a tag without a value: malformed, skip it
      if (token.startsWith('_atom_site.') && pending) {
        // A one-atom file writes _atom_site as key-value pairs instead of a loop.
        atomSite ??= new AtomSiteReader(fileName, []);
        atomSite.pushPair(token, lexer.value, lexer.quoted, lexer.line);
      } else if (pending) {
        keep(token, lexer.value, lexer.quoted);
      }
      pending = lexer.next();
    } else {
      pending = lexer.next();
    }
  }
  if (atomSite === undefined) {
    throw new Error(`${fileName}: no _atom_site records found (empty file or not an mmCIF coordinate file)`);
  }
  const result = atomSite.finish();
  const first = (tag: string): string => header.get(tag)?.[0] ?? '';
  const title = first('_struct.title').replace(/\s+/g, ' ');
  const software = (header.get('_software.name') ?? []).join('\n');
  const predictor = findPredictor(`${title}\n${software}`) || (hasQaMetric ? 'ModelCIF' : '');
  return {
    fileName,
    title,
    modelCount: result.modelCount,
    chains: result.chains,
    experimentalMethod: (header.get('_exptl.method') ?? []).join('; '),
    hasUnitCell: isRealUnitCell(
      Number(first('_cell.length_a')),
      Number(first('_cell.length_b')),
      Number(first('_cell.length_c')),
    ),
    predictor,
  };
}
