import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { installTestApi } from './ui/test-api';
import { logRunsWarnings } from './state/run/run-store';
import './ui/studio.css';

logRunsWarnings();
installTestApi();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
