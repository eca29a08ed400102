/**
 * A config that would damage the sheet or the server is refused by its field (issue 14, finding
 * 12): a field mapped onto another field's column (Status written into Name), and an object nested
 * 5,000 deep, which crashed validation.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { parseConfig } from '../../src/core/config';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { builtProject, OWNER, scenario } from '../support/scenario';

type Save = { ok: boolean; version?: number; problems?: string[] };

function started(): ScenarioRun {
  const run = new ScenarioRun(parseScenario(scenario({ config: SPEC_EXAMPLE })), builtProject());
  run.install();
  return run;
}

function nested(depth: number): unknown {
  let deep: unknown = 1;
  for (let i = 0; i < depth; i++) deep = { a: deep };
  return deep;
}

describe('column mappings', () => {
  it('refuse a field mapped onto another field’s column, saying which', () => {
    const r = started().call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, columns: { status: 'Name' } }, 1]) as Save;
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['columns: "Name" is the Name column; status cannot use it (map name to another header first).']);
  });

  it('allow it once that field has moved to another header, and a header of the field’s own', () => {
    expect(parseConfig({ ...SPEC_EXAMPLE, columns: { status: 'Name', name: 'Full name' } }, 'UTC').ok).toBe(true);
    expect(parseConfig({ ...SPEC_EXAMPLE, columns: { status: 'Stage' } }, 'UTC').ok).toBe(true);
  });
});

describe('a config nested 5,000 deep', () => {
  it('is refused with a message, in the core and through the server, without a crash', () => {
    expect(parseConfig({ ...SPEC_EXAMPLE, readiness: { all: [{ field: 'dealSize', op: '=', value: nested(5_000) }] } }, 'UTC')).toMatchObject({
      ok: false,
      problems: ['The configuration is nested too deeply (more than 20 levels).'],
    });
    const run = started();
    const r = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, extra: nested(5_000) }, 1]) as Save;
    expect(r).toMatchObject({ ok: false });
    expect(r.problems?.join(' ')).toMatch(/nested too deeply|too large/);
    expect(run.result().executions.filter((e) => e.error !== null)).toEqual([]);
  });
});
