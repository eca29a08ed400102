/**
 * Writes find their lead (SPEC.md, "Behaviour that must hold"; docs/ARCHITECTURE.md, "The write
 * protocol"). People keep working while a sweep writes: each of issue 15's findings is an action
 * slipped into the sweep at every service-call position of its write phase (from the read its
 * writes are checked against to its last call). Whatever the position, every value lands on its
 * own lead, and what a person typed is kept, and logged when it changes a lead's owner or status.
 * Here the sweep takes the full way (test/support/write-races.ts; write-protocol-new-rows.test.ts
 * races the sweep that plans the appended rows alone).
 */
import { writeRaces } from '../support/write-races';

writeRaces('full');
