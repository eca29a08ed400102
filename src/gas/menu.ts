/** Builds the Baton menu; works in every auth mode, since menus are all an unused add-on may do. */
import { MENU_ITEMS } from '../core/menu';

export function buildMenu(): void {
  // createAddonMenu: under Extensions for an add-on, and for a bound script too.
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}
