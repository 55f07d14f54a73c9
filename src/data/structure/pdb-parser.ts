/**
 * Reader for the fixed-column PDB format (wwPDB v3.3 ATOM/HETATM layout). Keeps the first model only and
 * the header lines needed to judge what the B column holds.
 */
import { findPredictor, isRealUnitCell } from './predictor-markers';
import { StructureAccumulator, type AtomRecord } from './structure-accumulator';
import type { ParsedStructure } from './structure-types';

function field(line: string, start: number, end: number): string {
  return line.slice(start, end).trim();
}

/**
 * Element from columns 77–78, else from the atom name: PDB right-aligns one-letter elements to column 14, so
 * only a name starting in column 13 (and not a 4-character hydrogen name) carries a two-letter element.
 */
function elementOf(line: string): string {
  const explicit = field(line, 76, 78);
  if (explicit !== '') return explicit.toUpperCase();
  const rawName = line.slice(12, 16);
  const letters = rawName.replace(/[^A-Za-z]/g, '').toUpperCase();
  const fourCharHydrogen = letters.startsWith('H') && rawName.length === 4 && !rawName.endsWith(' ');
  const oneLetter = rawName.startsWith(' ') || /^\d/.test(rawName) || fourCharHydrogen;
  return oneLetter ? letters.slice(0, 1) : letters.slice(0, 2);
}

function number(fileName: string, lineNo: number, what: string, text: string): number {
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    throw new Error(`${fileName}: line ${lineNo}: cannot read ${what} from '${text}'`);
  }
  return value;
}

function atomRecord(fileName: string, lineNo: number, line: string): AtomRecord {
  if (line.length < 54) {
    throw new Error(`${fileName}: line ${lineNo}: ${line.slice(0, 6).trim()} record too short for coordinates`);
  }
  const atomName = field(line, 12, 16);
  const occupancyText = field(line, 54, 60);
  const bText = field(line, 60, 66);
  return {
    chainId: field(line, 21, 22),
    residueName: field(line, 17, 21).toUpperCase(),
    seqNum: number(fileName, lineNo, 'residue number', field(line, 22, 26)),
    insertionCode: field(line, 26, 27),
    hetero: line.startsWith('HETATM'),
    atomName,
    altLoc: field(line, 16, 17),
    element: elementOf(line),
    x: number(fileName, lineNo, 'x', field(line, 30, 38)),
    y: number(fileName, lineNo, 'y', field(line, 38, 46)),
    z: number(fileName, lineNo, 'z', field(line, 46, 54)),
    // Blank occupancy / B columns appear in stripped files; read them as full occupancy and B = 0.
    occupancy: occupancyText === '' ? 1 : number(fileName, lineNo, 'occupancy', occupancyText),
    bFactor: bText === '' ? 0 : number(fileName, lineNo, 'B-factor', bText),
  };
}

/**
 * Parses PDB-format text.
 * @throws Error naming the file when no atom records are present or a record cannot be read.
 */
export function parsePdb(fileName: string, text: string): ParsedStructure {
  const atoms = new StructureAccumulator();
  const titles: string[] = [];
  const methods: string[] = [];
  const headerLines: string[] = [];
  let modelCount = 0;
  let collecting = true;
  let atomCount = 0;
  let hasUnitCell = false;
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const record = line.slice(0, 6);
    if (record === 'ATOM  ' || record === 'HETATM') {
      if (!collecting) continue;
      atoms.add(atomRecord(fileName, k + 1, line));
      atomCount++;
    } else if (record === 'MODEL ' || record === 'MODEL') {
      modelCount++;
      // A second MODEL without ENDMDL before it still ends the first model.
      if (modelCount > 1) collecting = false;
    } else if (record === 'ENDMDL') {
      collecting = false;
    } else if (record === 'TITLE ') {
      titles.push(field(line, 10, 80));
    } else if (record === 'EXPDTA') {
      methods.push(field(line, 10, 80));
    } else if (record === 'CRYST1') {
      const edge = (start: number, end: number): number => Number(field(line, start, end));
      hasUnitCell = isRealUnitCell(edge(6, 15), edge(15, 24), edge(24, 33));
    } else if (record === 'HEADER' || record === 'REMARK' || record === 'KEYWDS') {
      headerLines.push(line);
    }
  }
  if (atomCount === 0) {
    throw new Error(`${fileName}: no ATOM/HETATM records found (empty file or not a PDB/mmCIF structure)`);
  }
  const title = titles.join(' ').replace(/\s+/g, ' ').trim();
  return {
    fileName,
    title,
    modelCount: Math.max(1, modelCount),
    chains: atoms.finish(),
    experimentalMethod: methods.join(' ').replace(/\s+/g, ' ').trim(),
    hasUnitCell,
    predictor: findPredictor(`${title}\n${headerLines.join('\n')}`),
  };
}
