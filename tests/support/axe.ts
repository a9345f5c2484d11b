import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe-core's rules whose outcome a page's language can change: the names and texts of things,
 * titles, `lang` attributes, and regions a longer text may make scroll. The other rules (colour
 * contrast, structure, roles, attributes) read the same markup and styles in every language.
 */
const LANGUAGE_RULES = [
  'area-alt',
  'aria-command-name',
  'aria-dialog-name',
  'aria-input-field-name',
  'aria-meter-name',
  'aria-progressbar-name',
  'aria-tab-name',
  'aria-toggle-field-name',
  'aria-tooltip-name',
  'aria-treeitem-name',
  'button-name',
  'document-title',
  'empty-heading',
  'empty-table-header',
  'frame-title',
  'html-has-lang',
  'html-lang-valid',
  'html-xml-lang-mismatch',
  'image-alt',
  'input-button-name',
  'input-image-alt',
  'label',
  'label-content-name-mismatch',
  'landmark-unique',
  'link-name',
  'object-alt',
  'role-img-alt',
  'scrollable-region-focusable',
  'select-name',
  'summary-name',
  'svg-img-alt',
  'table-duplicate-name',
  'valid-lang',
];

/** Every rule, or those a language can change. */
export type AxeScope = 'every rule' | 'language rules';

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousViolations(page: Page, scope: AxeScope = 'every rule'): Promise<string[]> {
  // The console and the web chat have no frames: axe runs in the page itself rather than finishing
  // each run in a blank page of its own, which took half a second a run.
  const builder = new AxeBuilder({ page }).setLegacyMode();
  if (scope === 'language rules') builder.withRules(LANGUAGE_RULES);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}) at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * What axe checks a console page for in a language at a size: every rule in Ukrainian at both
 * sizes (the longest words, and the phone's own layout), the rules a language can change in
 * Russian and English on a desktop; on a phone in those two, the sideways-scroll check and the
 * screenshots cover what the language changes. A full run takes about a second and a half a page.
 */
export function axeScopeAt(locale: string, viewport: 'phone' | 'desktop'): AxeScope | null {
  if (locale === 'uk') return 'every rule';
  return viewport === 'desktop' ? 'language rules' : null;
}
