/**
 * 3Dmol.js, loaded on first use: a separate chunk the first page never fetches (docs/decisions/3d-viewer.md).
 * One promise for the page's lifetime; a failed load is retried on the next call.
 */
export type ViewerLibrary = typeof import('3dmol');

let loading: Promise<ViewerLibrary> | null = null;

export function loadViewerLibrary(): Promise<ViewerLibrary> {
  loading ??= import('3dmol').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
