/** Moving around the sidebar as a person does: its sections are <details> opened by their heading. */
import type { Locator, Page } from 'playwright-core';

function sectionOf(page: Page, title: string): { summary: Locator; details: Locator } {
  const summary = page.locator('summary', { has: page.getByRole('heading', { name: title, exact: true }) });
  return { summary, details: page.locator('details', { has: summary }).first() };
}

/** Opens the section (if closed) and returns it, to look for things inside it. */
export async function openSection(page: Page, title: string): Promise<Locator> {
  const { summary, details } = sectionOf(page, title);
  if ((await details.getAttribute('open')) === null) await summary.click();
  return details;
}

export async function closeSection(page: Page, title: string): Promise<void> {
  const { summary, details } = sectionOf(page, title);
  if ((await details.getAttribute('open')) !== null) await summary.click();
}
