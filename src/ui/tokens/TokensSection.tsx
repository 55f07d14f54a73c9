/**
 * Using the trained tokenizer: encode the dataset to a structural alphabet (encoded FASTA and a per-residue table)
 * and see what each token stands for, with the mutual information of tokens with DSSP classes and amino acids as
 * training goes on.
 */
import { useEncodeStore } from '../../state/tokens/encode-store';
import { EncodeControls } from './EncodeControls';
import { InformationChart } from './InformationChart';
import { TokenMeaningTable } from './TokenMeaningTable';

export function TokensSection() {
  const meaning = useEncodeStore((state) => state.result?.meaning ?? null);
  return (
    <section className="panel teaching-panel" aria-labelledby="tokens-title" data-testid="tokens-panel">
      <h2 id="tokens-title">Encode and read the tokens</h2>
      <p className="teaching-note">
        Run the weights over every protein of the dataset: one record per protein in FoldTree2&apos;s encoded-FASTA
        alphabet, one row per residue in the table beside it, and what each token stands for — its secondary structure,
        confidence and amino acids.
      </p>
      <EncodeControls />
      <div className="teaching-grid">
        <InformationChart />
        {meaning && <TokenMeaningTable meaning={meaning} />}
      </div>
    </section>
  );
}
