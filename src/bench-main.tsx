import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BenchPage } from './ui/bench/BenchPage';
import './ui/studio.css';

const root = document.getElementById('root');
if (!root) throw new Error('bench.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BenchPage />
  </StrictMode>,
);
