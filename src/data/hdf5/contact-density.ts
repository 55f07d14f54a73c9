/**
 * How many contacts per residue the densest protein of a file has, read from the shapes of its contact edge lists
 * (no data is read): the memory pre-flight sizes the distance head's scored pairs with it.
 */
import { EDGE_TYPES } from '../../protocol/protein-graph';
import type { StructsFileHandle } from './open-file';
import { probeProtein } from './protein-layout';

/** Max over `proteins` of contact edges ÷ residues; 0 for none. */
export function densestContactsPerResidue(
  handle: StructsFileHandle,
  proteins: readonly { readonly id: string }[],
): number {
  let densest = 0;
  for (const { id } of proteins) {
    const layout = probeProtein(handle, id, 'required');
    const contacts = layout.edges.get(EDGE_TYPES.contacts)?.count ?? 0;
    if (layout.length > 0) densest = Math.max(densest, contacts / layout.length);
  }
  return densest;
}
