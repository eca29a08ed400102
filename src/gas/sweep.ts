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
  // The weekly report rides on the sweep: an editor add-on may have only this one clock trigger.
  weeklyReportIfDue(startedAt);
}
