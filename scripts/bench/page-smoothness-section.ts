/** The page-level figure as a section of `npm run bench`'s report (its own files too: bench/page.json, page.md). */
import { writePageSmoothness } from './page-smoothness-report';
import { DEFAULT_PAGE_SMOOTHNESS, measurePageSmoothness } from './page-smoothness';

/** Measures with the default phases and returns the section's Markdown (with a heading, after a blank line). */
export async function pageSmoothnessSection(say: (line: string) => void): Promise<string> {
  say('page: the studio page while it trains, over a 5,000-step run');
  const markdown = writePageSmoothness(await measurePageSmoothness(DEFAULT_PAGE_SMOOTHNESS, say));
  return `\n\n## The page while it trains\n\n${markdown}\n`;
}
