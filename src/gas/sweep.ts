/**
 * The clock sweep: the path that catches everything the edit path missed (API appends fire no
 * trigger; simple onEdit events can be dropped), and the heartbeat health checks read.
 */
import { now } from './clock';
import { writeHeartbeat } from './document-store';
import { effectiveEmail } from './environment';
import { runHandoff } from './handoff';
import { weeklyReportIfDue } from './report';
import { retireIfNotOwner } from './setup';
import { quietBeforeLock } from './quiet-sweep';
import { tidyHiddenTabs } from './hidden-tabs';

/** A sweep that has run this long leaves the day's tidying to a later one. */
const TIDY_START_LIMIT_MS = 2 * 60_000;

export function sweep(): void {
  if (retireIfNotOwner()) return;
  const startedAt = now();
  // Nothing changed since the last full run and nothing is due (core/sweep-mark.ts): the heartbeat
  // only. The weekly report falls due at the report hour, which no quiet sweep passes.
  if (quietBeforeLock(startedAt)) {
    writeHeartbeat({ at: startedAt, by: effectiveEmail() });
    return;
  }
  runHandoff({ actor: '', route: true, kind: 'sweep' });
  writeHeartbeat({ at: now(), by: effectiveEmail() });
  // Once a day, the hidden tabs' grids are cut to what they hold (issue 16); not after a long run.
  if (now() - startedAt < TIDY_START_LIMIT_MS) tidyHiddenTabs(startedAt);
  // The weekly report rides on the sweep: an editor add-on may have only this one clock trigger.
  weeklyReportIfDue(startedAt);
}
