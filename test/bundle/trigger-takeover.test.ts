/**
 * Nobody but a manager takes Baton's triggers over (issue 14, finding 11): the menu's Repair
 * triggers checks the caller's role on the server, as the sidebar's does, and a takeover by a
 * manager is logged with who and why.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { triggerState } from '../../emulator/services/script-app';
import { LOG_HEADERS } from '../../src/core/headers';
import { builtProject, OWNER, scenario } from '../support/scenario';

const MINUTE = 60_000;
const ANA = 'ana@acme.test';
const CY = 'cy@acme.test';
const owners = (run: ScenarioRun) => [...new Set(run.result().triggers.map((t) => t.owner))];
const log = (run: ScenarioRun) => run.result().sheets['Baton Log'].slice(1).map((r) => Object.fromEntries(LOG_HEADERS.map((h, i) => [h, r[i]])));

/** Maria's triggers are gone and the heartbeat is an hour stale: the triggers are up for repair. */
function stale(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: { version: 1, managers: [OWNER, ANA] }, editors: [ANA, CY] })), builtProject());
  run.install();
  run.fireClockUntil(run.rt.now() + 10 * MINUTE);
  triggerState(run.rt).removeAllFor(OWNER);
  run.rt.clock.set(run.rt.now() + 60 * MINUTE);
  return run;
}

describe('Repair triggers from the menu', () => {
  it('is refused to an editor who is not a manager: no triggers under them, nothing logged, and they are told why', () => {
    const run = stale();
    const before = log(run).length;
    run.menu(CY, 'Repair triggers');
    expect(owners(run)).not.toContain(CY);
    expect(run.result().triggers).toEqual([]);
    expect(log(run).length).toBe(before);
    const said = run.result().alerts.at(-1)?.message ?? run.result().toasts.at(-1)?.message ?? '';
    expect(said).toContain("Only Baton's managers can repair its triggers");
  });

  it('lets a second manager take them over, logged with who and why', () => {
    const run = stale();
    run.menu(ANA, 'Repair triggers');
    expect(owners(run)).toEqual([ANA]);
    const entry = log(run).find((l) => l['Event'] === 'setup' && l['From'] === OWNER);
    expect(entry).toMatchObject({ To: ANA, Actor: ANA });
    expect(String(entry!['Reason'])).toMatch(/^Triggers taken over from maria@acme\.test: /);
  });
});
