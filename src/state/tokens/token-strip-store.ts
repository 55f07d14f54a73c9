/** The latest structural tokens of the protein chosen for the teaching view's token strip, with the step they are from. */
import { create } from 'zustand';
import type { ProteinTokens } from '../../protocol/coordinator-messages';

export interface TokenStripState {
  readonly tokens: ProteinTokens | null;
  /** Optimizer steps taken when the tokens were computed. */
  readonly step: number;
  /** Protein the user chose (null: the dataset's first). */
  readonly proteinId: string | null;
  /** Optimizer steps between two automatic refreshes while a run trains (strip and 3D view); 0: only on request. */
  readonly refreshEvery: number;
}

/** Default of `refreshEvery`. */
export const TOKEN_REFRESH_STEPS = 10;

export const useTokenStrip = create<TokenStripState>()(() => ({
  tokens: null,
  step: 0,
  proteinId: null,
  refreshEvery: TOKEN_REFRESH_STEPS,
}));

/** Sets how often the tokens refresh while training (a whole number of steps; 0 or less: only on request). */
export function setTokenRefreshEvery(steps: number): void {
  useTokenStrip.setState({ refreshEvery: Number.isInteger(steps) && steps > 0 ? steps : 0 });
}

export function setStripTokens(step: number, tokens: ProteinTokens): void {
  useTokenStrip.setState({ tokens, step });
}

export function chooseStripProtein(proteinId: string | null): void {
  useTokenStrip.setState({ proteinId, tokens: null });
}
