/** What "Set up Baton" did, in words a manager reads in the alert and the sidebar. */
import type { TabAction } from './tab-layout';

export interface SetupReport {
  ok: boolean;
  tabs: string[];
  triggers: string;
  problems: string[];
  configRevision: number | null;
}

export function describeTab(action: TabAction): string {
  if (action.kind === 'create') return `Created the "${action.name}" tab.`;
  if (action.appendHeaders.length === 0) return `The "${action.name}" tab is ready.`;
  return `Added ${action.appendHeaders.map((h) => `"${h}"`).join(', ')} to the "${action.name}" tab.`;
}

export function summarize(report: SetupReport): string {
  const lines = [...report.tabs, report.triggers, ...report.problems];
  return (report.ok ? 'Baton is set up.\n' : 'Baton could not be set up.\n') + lines.join('\n');
}
