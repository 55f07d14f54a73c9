import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Cross-origin isolation so `SharedArrayBuffer` exists for the gradient all-reduce. */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['h5wasm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // Two pages: the studio, and the benchmark page that times the model on this browser's backends.
    rollupOptions: { input: { studio: 'index.html', bench: 'bench.html' } },
  },
});
