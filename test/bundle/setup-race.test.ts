import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { lockState } from '../../emulator/services/lock';
import { builtProject, OWNER, scenario } from '../support/scenario';

describe('two setups at once (PLATFORM.md, LockService: executions overlap)', () => {
  it('lets the second wait for the lock, then report it busy, while the first finishes cleanly', () => {
    const run = new ScenarioRun(parseScenario(scenario({ config: { version: 1, managers: [OWNER, 'ana@acme.test'] } })), builtProject());
    let inner: unknown = null;
    // Between two service calls of the owner's setup, a second manager starts setup too.
    const stop = run.rt.onCall(({ execution, index }) => {
      if (execution.spec.functionName === 'setupBaton' && index === 4 && inner === null) {
        inner = 'running';
        expect(lockState(run.rt).holders.size).toBe(1);
        inner = run.call('ana@acme.test', 'setupBaton', [{ version: 1 }]);
      }
    });
    run.install();
    stop();
    expect(inner).toEqual(expect.objectContaining({ ok: false, problems: ['Another Baton run is busy with this spreadsheet. Try again in a minute.'] }));
    const result = run.result();
    const setups = result.executions.filter((e) => e.function === 'setupBaton');
    expect(setups.map((e) => e.error)).toEqual([null, null]);
    expect(result.triggers).toHaveLength(3);
    expect(result.triggers.every((t) => t.owner === OWNER)).toBe(true);
  });
});
