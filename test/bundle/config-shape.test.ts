/**
 * A config that would damage the sheet or the server is refused by its field (issue 14, finding
 * 12): a field mapped onto another field's column (Status written into Name), and an object nested
 * 5,000 deep, which crashed validation.
 */
import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { propertiesState } from '../../emulator/services/properties';
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

describe('a misspelled time zone (finding 7)', () => {
  it('is refused by its field when saved or previewed, checked against the zones Google knows', () => {
    const run = started();
    const save = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, timeZone: 'America/NewYork' }, 1]) as Save & { issues?: { path: string }[] };
    expect(save.ok).toBe(false);
    expect(save.problems).toEqual(['The time zone "America/NewYork" is not one Google knows (Google would silently use GMT). Set a zone like America/New_York in Settings.']);
    expect(save.issues?.map((i) => i.path)).toEqual(['timeZone']);
    const preview = run.call(OWNER, 'previewConfig', [{ ...SPEC_EXAMPLE, timeZone: 'America/NewYork' }]) as { ok: boolean; problems?: string[] };
    expect(preview).toMatchObject({ ok: false, problems: save.problems });
    expect((run.call(OWNER, 'getConfig', []) as { config: { timeZone: string } }).config.timeZone).toBe('America/New_York');
  });

  it('lets real zones through, aliases and zones at GMT included', () => {
    const run = started();
    let version = 1;
    for (const timeZone of ['Asia/Kolkata', 'Asia/Calcutta', 'Europe/London', 'UTC', 'Africa/Abidjan']) {
      const r = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, timeZone }, version]) as Save;
      expect(r).toMatchObject({ ok: true });
      version = r.version!;
    }
  });
});

describe('a stored time zone Google does not know (saved before Baton checked)', () => {
  const run = started();
  const doc = propertiesState(run.rt).document;
  for (const [k, v] of [...doc.entries()]) if (k.startsWith('baton.config.r')) doc.set(k, v.replace('"America/New_York"', '"America/NewYork"'));

  it('leaves health readable, with the problem named, instead of crashing', () => {
    const health = run.call(OWNER, 'getHealth', []) as { ok: boolean; problems: string[] } | null;
    expect(health).not.toBeNull();
    expect(health!.ok).toBe(false);
    expect(health!.problems.join(' ')).toContain('The time zone "America/NewYork" is not one Google knows');
    expect(run.result().executions.filter((e) => e.error !== null)).toEqual([]);
  });
});
