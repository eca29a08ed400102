/** Says what a config change changed, for the log: which sections, and who joined or left the team. */
import type { BatonConfig } from './config-schema';

export function describeChange(before: BatonConfig | null, after: BatonConfig): string {
  if (!before) return 'First configuration saved.';
  const parts: string[] = [];
  const keys = Object.keys(after) as (keyof BatonConfig)[];
  for (const key of keys) {
    if (key === 'team') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) parts.push(`${key} changed`);
  }
  const was = new Map(before.team.map((m) => [m.email, m]));
  const now = new Map(after.team.map((m) => [m.email, m]));
  const added = [...now.keys()].filter((e) => !was.has(e));
  const removed = [...was.keys()].filter((e) => !now.has(e));
  const edited = [...now.keys()].filter((e) => was.has(e) && JSON.stringify(was.get(e)) !== JSON.stringify(now.get(e)));
  if (added.length) parts.push(`team: added ${added.join(', ')}`);
  if (removed.length) parts.push(`team: removed ${removed.join(', ')}`);
  if (edited.length) parts.push(`team: changed ${edited.join(', ')}`);
  return parts.length ? parts.join('; ') + '.' : 'Saved without changes.';
}
