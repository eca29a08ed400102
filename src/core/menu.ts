/** The Baton menu: one list, so the menu, the bundle's entry points and the tests agree. */

export interface MenuItem {
  caption: string;
  functionName: string;
}

export const MENU_ITEMS: readonly MenuItem[] = [
  { caption: 'Set up Baton', functionName: 'menuSetUp' },
  { caption: 'Settings', functionName: 'menuShowSettings' },
  { caption: 'Retry failed handoffs now', functionName: 'menuRetryFailures' },
  { caption: 'Repair triggers', functionName: 'menuRepairTriggers' },
  { caption: 'Build weekly report now', functionName: 'menuBuildReport' },
  { caption: 'Run self-check', functionName: 'menuRunSelfCheck' },
];
