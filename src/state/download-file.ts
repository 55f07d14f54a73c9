/** Saving bytes the page produced (a checkpoint, a config) as a download, through a short-lived object URL. */

export type FileSaver = (data: ArrayBuffer | string, fileName: string, mimeType: string) => void;

export const saveWithObjectUrl: FileSaver = (data, fileName, mimeType) => {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoke on the next task so every browser has read the URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/** `name` made safe as a file name on every OS: no separators, control or reserved characters. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|\s]+/g, '-')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/^-+|-+$/g, '');
  return cleaned || 'run';
}
