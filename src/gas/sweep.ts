/**
 * The clock sweep: the path that catches everything the edit path missed (API appends fire no
 * trigger; simple onEdit events can be dropped), and the heartbeat health checks read.
 */
import { now } from './clock';
import { writeHeartbeat } from './document-store';
import { effectiveEmail } from './environment';
import { notATrigger } from './guard';
import { runHandoff } from './handoff';
import { weeklyReportIfDue } from './report';
import { retireIfNotOwner } from './setup';

/**
 * Runs only for the account Baton's triggers run under: a direct call by that account does what
 * its clock trigger would; anyone else's (google.script.run, the script editor) is answered with
 * why, and changes nothing (no run, no mail, no heartbeat).
 */
export function sweep(e?: unknown): string | undefined {
  if (retireIfNotOwner(e)) return notATrigger('batonSweep', 'clock');
  const startedAt = now();
  runHandoff({ actor: '', route: true, kind: 'sweep' });
  writeHeartbeat({ at: now(), by: effectiveEmail() });
  // The weekly report rides on the sweep: an editor add-on may have only this one clock trigger.
  weeklyReportIfDue(startedAt);
  return undefined;
}
