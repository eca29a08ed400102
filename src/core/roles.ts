/** Who may change Baton: its managers, named in the config. Checked on the server for every save. */

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The managers a stored config names (lower case); [] when none is stored yet. */
export function managersOf(storedConfig: unknown): string[] {
  if (!isObject(storedConfig) || !Array.isArray(storedConfig.managers)) return [];
  return storedConfig.managers.filter((m): m is string => typeof m === 'string').map((m) => m.trim().toLowerCase());
}

/** Before anyone is a manager, whoever sets Baton up becomes the first. */
export function mayManage(managers: string[], email: string): boolean {
  const me = email.trim().toLowerCase();
  return me !== '' && (managers.length === 0 || managers.includes(me));
}
