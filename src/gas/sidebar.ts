/** Opens the managers' sidebar from the built single-file page (never a template: see ENGINEERING.md). */

export function showSidebar(): void {
  const page = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Baton');
  SpreadsheetApp.getUi().showSidebar(page);
}
