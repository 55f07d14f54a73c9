import { expect, type Locator, type Page } from '@playwright/test';

/** Pixels of a canvas (drawn into a 2-D canvas in the page) that differ from white, and a checksum of them all. */
export interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  readonly nonWhite: number;
  readonly checksum: number;
  /** A non-white pixel near the middle, in CSS pixels from the canvas's top-left corner (null: none). */
  readonly drawnAt: { readonly x: number; readonly y: number } | null;
  /** Up to 40 strongly coloured pixels spread over the drawing, in CSS pixels (where the trace is). */
  readonly samples: readonly { readonly x: number; readonly y: number }[];
}

/** Page object for the 3D token view, the dataset encoder and the token table. */
export class TokenViewsPage {
  readonly structure: Locator;
  readonly viewer: Locator;
  readonly hover: Locator;
  readonly legend: Locator;
  readonly encodeCurrent: Locator;
  readonly encodeControls: Locator;
  readonly encodeMessage: Locator;
  readonly table: Locator;
  readonly information: Locator;
  readonly stripProtein: Locator;

  constructor(readonly page: Page) {
    this.structure = page.getByTestId('teaching-structure');
    this.viewer = this.structure.getByTestId('structure-viewer');
    this.hover = this.structure.getByTestId('structure-hover');
    this.legend = this.structure.getByTestId('structure-legend');
    this.encodeCurrent = page.getByTestId('encode-current');
    this.encodeControls = page.getByTestId('encode-controls');
    this.encodeMessage = page.getByTestId('encode-message');
    this.table = page.getByTestId('token-meaning-table');
    this.information = page.getByTestId('token-information-chart');
    this.stripProtein = page.getByTestId('teaching-strip-protein');
  }

  /** Reads the WebGL canvas of `viewer` back through a 2-D canvas. */
  canvasPixels(viewer: Locator = this.viewer): Promise<CanvasPixels> {
    return viewer
      .locator('canvas')
      .first()
      .evaluate((node) => {
        const canvas = node as HTMLCanvasElement;
        const copy = document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const context = copy.getContext('2d');
        if (!context) throw new Error('no 2-D context');
        context.drawImage(canvas, 0, 0);
        const { data } = context.getImageData(0, 0, copy.width, copy.height);
        let nonWhite = 0;
        let checksum = 0;
        let drawnAt: { x: number; y: number } | null = null;
        let best = Infinity;
        const coloured: { x: number; y: number }[] = [];
        const scale = canvas.clientWidth / canvas.width;
        for (let i = 0; i < data.length; i += 4) {
          const r = data[i] ?? 0;
          const g = data[i + 1] ?? 0;
          const b = data[i + 2] ?? 0;
          checksum = (checksum * 31 + r * 7 + g * 3 + b) % 1_000_000_007;
          if (r < 245 || g < 245 || b < 245) {
            nonWhite++;
            const px = (i / 4) % copy.width;
            const py = Math.floor(i / 4 / copy.width);
            if (Math.max(r, g, b) - Math.min(r, g, b) > 60)
              coloured.push({
                x: px * (canvas.clientWidth / canvas.width),
                y: py * (canvas.clientWidth / canvas.width),
              });
            const distance = Math.hypot(px - copy.width / 2, py - copy.height / 2);
            if (distance < best) {
              best = distance;
              drawnAt = { x: px * scale, y: py * scale };
            }
          }
        }
        const every = Math.max(1, Math.floor(coloured.length / 40));
        const samples = coloured.filter((_, k) => k % every === 0).slice(0, 40);
        return { width: copy.width, height: copy.height, nonWhite, checksum, drawnAt, samples };
      });
  }

  /** Points the mouse at drawn pixels until the hover line names a residue; false when none did. */
  async hoverResidue(): Promise<boolean> {
    await this.viewer.scrollIntoViewIfNeeded();
    const { samples } = await this.canvasPixels();
    const box = await this.viewer.locator('canvas').first().boundingBox();
    if (!box) return false;
    for (const point of samples) {
      await this.page.mouse.move(box.x + point.x, box.y + point.y, { steps: 2 });
      await this.page.waitForTimeout(250);
      if ((await this.hover.getAttribute('data-residue')) !== null) return true;
    }
    return false;
  }

  async codes(): Promise<number[]> {
    const text = (await this.structure.getAttribute('data-codes')) ?? '';
    return text === '' ? [] : text.split(',').map(Number);
  }

  async waitForProtein(id: string, minStep: number): Promise<void> {
    // The viewer draws only while on screen.
    await this.structure.scrollIntoViewIfNeeded();
    await expect(this.viewer).toHaveAttribute('data-protein', id, { timeout: 60_000 });
    await expect
      .poll(async () => Number((await this.structure.getAttribute('data-step')) ?? -1), { timeout: 60_000 })
      .toBeGreaterThanOrEqual(minStep);
  }
}
