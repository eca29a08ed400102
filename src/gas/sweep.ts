/** The clock sweep. For now it records the heartbeat that health checks read; later issues add the work. */
import { now } from './clock';
import { writeHeartbeat } from './document-store';
import { effectiveEmail } from './environment';
import { retireIfNotOwner } from './setup';

export function sweep(): void {
  if (retireIfNotOwner()) return;
  writeHeartbeat({ at: now(), by: effectiveEmail() });
}
