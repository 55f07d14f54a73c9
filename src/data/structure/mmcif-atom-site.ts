/**
 * Turns the values of an mmCIF `_atom_site` category (loop rows or key-value pairs) into atom records of the
 * first model. Author numbering (`auth_*`) is preferred, falling back to `label_*` where a file lacks it.
 */
import { StructureAccumulator } from './structure-accumulator';
import type { Chain } from './structure-types';

const PREFIX = '_atom_site.';

/** Column roles, each with the item names that can fill it, in order of preference. */
const ROLES = {
  group: ['group_PDB'],
  chain: ['auth_asym_id', 'label_asym_id'],
  seq: ['auth_seq_id', 'label_seq_id'],
  insertion: ['pdbx_PDB_ins_code'],
  residue: ['auth_comp_id', 'label_comp_id'],
  atom: ['auth_atom_id', 'label_atom_id'],
  altLoc: ['label_alt_id'],
  element: ['type_symbol'],
  x: ['Cartn_x'],
  y: ['Cartn_y'],
  z: ['Cartn_z'],
  occupancy: ['occupancy'],
  bFactor: ['B_iso_or_equiv'],
  model: ['pdbx_PDB_model_num'],
} as const;
type Role = keyof typeof ROLES;
const REQUIRED: readonly Role[] = ['chain', 'seq', 'residue', 'atom', 'x', 'y', 'z'];

export class AtomSiteReader {
  private readonly atoms = new StructureAccumulator();
  private readonly models = new Set<string>();
  private firstModel: string | undefined;
  // One reused row buffer: `filled` values of the current row are valid.
  private readonly row: string[] = [];
  private readonly nulls: boolean[] = [];
  private filled = 0;
  private rowLine = 0;
  private tags: string[];
  private columns: Partial<Record<Role, number[]>> = {};
  private readonly pairs = new Map<string, { value: string; quoted: boolean; line: number }>();

  constructor(
    private readonly fileName: string,
    tags: readonly string[],
  ) {
    this.tags = [...tags];
    this.indexColumns();
  }

  /** One value of a loop row, in column order. */
  push(value: string, quoted: boolean, line: number): void {
    const column = this.filled++;
    if (column === 0) this.rowLine = line;
    this.row[column] = value;
    this.nulls[column] = !quoted && (value === '?' || value === '.');
    if (this.filled === this.tags.length) this.flushRow();
  }

  /** One `_atom_site.item value` pair outside a loop. */
  pushPair(tag: string, value: string, quoted: boolean, line: number): void {
    this.pairs.set(tag, { value, quoted, line });
  }

  /** Called at the end of a loop; a partial last row means the file is cut short. */
  endLoop(): void {
    if (this.filled !== 0) {
      const where = `${this.fileName}: line ${this.rowLine}`;
      throw new Error(`${where}: _atom_site row has ${this.filled} of ${this.tags.length} values (file truncated?)`);
    }
  }

  finish(): { chains: Chain[]; modelCount: number } {
    if (this.pairs.size > 0 && this.tags.length === 0) {
      this.tags = [...this.pairs.keys()];
      this.indexColumns();
      let line = 0;
      for (const { value, quoted, line: l } of this.pairs.values()) {
        line = l;
        this.push(value, quoted, line);
      }
    }
    return { chains: this.atoms.finish(), modelCount: Math.max(1, this.models.size) };
  }

  private indexColumns(): void {
    const byName = new Map<string, number>();
    this.tags.forEach((tag, k) => byName.set(tag.slice(PREFIX.length), k));
    const columns: Partial<Record<Role, number[]>> = {};
    for (const role of Object.keys(ROLES) as Role[]) {
      const found = ROLES[role].map((name) => byName.get(name)).filter((k): k is number => k !== undefined);
      if (found.length > 0) columns[role] = found;
    }
    this.columns = columns;
  }

  /** First non-null value among the columns of a role, or undefined. */
  private get(role: Role): string | undefined {
    for (const k of this.columns[role] ?? []) {
      if (this.nulls[k] !== true) return this.row[k];
    }
    return undefined;
  }

  private need(role: Role): string {
    const value = this.get(role);
    if (value === undefined) {
      const names = ROLES[role].map((n) => PREFIX + n).join(' or ');
      throw new Error(`${this.fileName}: line ${this.rowLine}: _atom_site has no value for ${names}`);
    }
    return value;
  }

  private number(role: Role, fallback?: number): number {
    const text = this.get(role);
    if (text === undefined && fallback !== undefined) return fallback;
    const value = Number(text ?? this.need(role));
    if (!Number.isFinite(value)) {
      throw new Error(`${this.fileName}: line ${this.rowLine}: cannot read _atom_site ${role} from '${text}'`);
    }
    return value;
  }

  private flushRow(): void {
    if (this.models.size === 0) {
      for (const role of REQUIRED) this.need(role);
    }
    const model = this.get('model') ?? '1';
    this.models.add(model);
    this.firstModel ??= model;
    if (model === this.firstModel) {
      this.atoms.add({
        chainId: this.need('chain'),
        residueName: this.need('residue').toUpperCase(),
        seqNum: this.number('seq'),
        insertionCode: this.get('insertion') ?? '',
        hetero: this.get('group') === 'HETATM',
        atomName: this.need('atom'),
        altLoc: this.get('altLoc') ?? '',
        element: (this.get('element') ?? '').toUpperCase(),
        x: this.number('x'),
        y: this.number('y'),
        z: this.number('z'),
        occupancy: this.number('occupancy', 1),
        bFactor: this.number('bFactor', 0),
      });
    }
    this.filled = 0;
  }
}
