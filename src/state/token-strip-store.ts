/** The latest structural tokens of the protein chosen for the teaching view's token strip, with the step they are from. */
import { create } from 'zustand';
import type { ProteinTokens } from '../protocol/trainer-messages';

export interface TokenStripState {
  readonly tokens: ProteinTokens | null;
  /** Optimizer steps taken when the tokens were computed. */
  readonly step: number;
  /** Protein the user chose (null: the dataset's first). */
  readonly proteinId: string | null;
}

export const useTokenStrip = create<TokenStripState>()(() => ({ tokens: null, step: 0, proteinId: null }));

export function setStripTokens(step: number, tokens: ProteinTokens): void {
  useTokenStrip.setState({ tokens, step });
}

export function chooseStripProtein(proteinId: string | null): void {
  useTokenStrip.setState({ proteinId, tokens: null });
}
