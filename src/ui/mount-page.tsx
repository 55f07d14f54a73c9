import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './studio.css';

/** Renders `page` into the `#root` element of `htmlFile` (named in the error when it has none). */
export function mountPage(page: ReactNode, htmlFile: string): void {
  const root = document.getElementById('root');
  if (!root) throw new Error(`${htmlFile} has no #root element`);
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}
