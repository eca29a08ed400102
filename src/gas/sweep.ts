/**
 * The clock sweep: the path that catches everything the edit path missed (API appends fire no
 * trigger; simple onEdit events can be dropped), and the heartbeat health checks read.
 */
import { now } from './clock';
import { readAll, writeHeartbeat } from './document-store';
import { effectiveEmail } from './environment';
import { notATrigger } from './guard';
import { runHandoff } from './handoff';
import { weeklyReportIfDue } from './report';
import { retireIfNotOwner } from './setup';
import { quietBeforeLock } from './quiet-sweep';
import { tidyHiddenTabs } from './hidden-tabs';

/**
 * Runs only for the account Baton's triggers run under: a direct call by that account does what
 * its clock trigger would; anyone else's (google.script.run, the script editor) is answered with
 * why, and changes nothing (no run, no mail, no heartbeat).
 */
export function sweep(e?: unknown): string | undefined {
  // One snapshot of the properties for the owner check and the quiet check (neither writes).
  const all = readAll();
  if (retireIfNotOwner(e, all)) return notATrigger('batonSweep', 'clock');
  const startedAt = now();
  // Nothing changed since the last full run and nothing is due (core/sweep-mark.ts): the heartbeat
  // only. The weekly report falls due at the report hour, which no quiet sweep passes.
  const quiet = quietBeforeLock(startedAt, all);
  if (quiet) {
    writeHeartbeat({ at: startedAt, by: effectiveEmail() });
    // Housekeeping rides on quiet sweeps, so busy runs' calls stay flat (issue 16).
    tidyHiddenTabs(startedAt, all, quiet.leadsCells);
    return;
  }
  runHandoff({ actor: '', route: true, kind: 'sweep' });
  writeHeartbeat({ at: now(), by: effectiveEmail() });
  // The weekly report rides on the sweep: an editor add-on may have only this one clock trigger.
  weeklyReportIfDue(startedAt);
  return undefined;
}
