/**
 * Whether the run's model can be handed over to FoldTree2's learn_lightning.py, for the page: the reasons when it
 * cannot (src/config/foldtree2-handover.ts), so the FoldTree2 buttons say why instead of failing later.
 */
import { foldtree2RefusalText } from '../../config/foldtree2-handover';
import { useRunStore } from '../run/run-store';

/** null when FoldTree2 can build the model of the run's config (or the next run's, before one starts). */
export function useFoldtree2Refusal(): string | null {
  return useRunStore((state) => foldtree2RefusalText(state.config));
}
