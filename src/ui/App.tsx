import { useEffect } from 'react';
import { loadSampleDataset } from '../state/dataset-store';
import { probeGpu } from '../state/gpu-store';
import { DatasetPanel } from './dataset/DatasetPanel';
import { GpuProbePanel } from './gpu/GpuProbePanel';
import { TrainingPanel } from './run/TrainingPanel';
import { RunsPanel } from './runs/RunsPanel';
import { TeachingSection } from './teaching/TeachingSection';
import { TokensSection } from './tokens/TokensSection';

/** First page: the dataset (bundled sample or the user's files) and what this browser's WebGPU can do. */
export function App() {
  useEffect(() => {
    void loadSampleDataset(import.meta.env.BASE_URL);
    void probeGpu();
  }, []);

  return (
    <div className="studio">
      <header className="studio-header">
        <h1>FoldTree Studio</h1>
        <p className="tagline">
          Train FoldTree2-style protein-structure tokenizers on your GPU, in the browser.{' '}
          <a href="./bench.html">Benchmark this browser</a>
        </p>
      </header>
      <main className="studio-main">
        <DatasetPanel />
        <GpuProbePanel />
        <TrainingPanel />
        <TeachingSection />
        <TokensSection />
        <RunsPanel />
      </main>
    </div>
  );
}
