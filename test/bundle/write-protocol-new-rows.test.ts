/**
 * The write-protocol races (test/support/write-races.ts) on the sweep that plans rows an
 * integration appended alone (src/gas/new-rows-in-place.ts): a sort, a column inserted, typing and
 * pastes slipped into every call of its write phase leave every value on its own lead.
 */
import { writeRaces } from '../support/write-races';

writeRaces('new rows');
