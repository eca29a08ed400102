import { ScenarioRun } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { propertiesState } from '../../emulator/services/properties';
import type { ConfigView } from '../../src/server-api';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { builtProject, OWNER, scenario } from '../support/scenario';

type Save = { ok: boolean; version?: number; problems?: string[]; conflict?: boolean; summary?: string };

function started(config: Record<string, unknown> = SPEC_EXAMPLE) {
  const run = new ScenarioRun(parseScenario(scenario({ config })), builtProject());
  run.install();
  return run;
}

describe('saveConfig (server function, managers only)', () => {
  it('saves a valid config for a manager and returns the new version; the log says who and what', () => {
    const run = started();
    const team = [...SPEC_EXAMPLE.team, { email: 'dee@acme.test', name: 'Dee', capacity: 5, weight: 1 }];
    const r = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, team }, 1]) as Save;
    expect(r).toEqual({ ok: true, version: 2, summary: 'team: added dee@acme.test.' });
    const log = run.result().sheets['Baton Log'];
    expect(log.at(-1)?.slice(2, 8)).toEqual(['config changed', '', '', OWNER, 'team: added dee@acme.test.', 2]);
    const view = run.call(OWNER, 'getConfig', []) as { version: number; canEdit: boolean; config: { team: unknown[] } };
    expect(view.version).toBe(2);
    expect(view.canEdit).toBe(true);
    expect(view.config.team).toHaveLength(5);
  });

  it('refuses a non-manager on the server, whatever the page shows', () => {
    const run = started();
    const r = run.call('ben@acme.test', 'saveConfig', [SPEC_EXAMPLE]) as Save;
    expect(r).toEqual({ ok: false, problems: ["Only Baton's managers can change its settings; ben@acme.test is not one of them."] });
    expect((run.call('ben@acme.test', 'getConfig', []) as { canEdit: boolean }).canEdit).toBe(false);
  });

  it('returns validation problems in words and saves nothing', () => {
    const run = started();
    const rules = [{ name: 'North', assignTo: ['bob@acme.test'], balance: 'round_robin' }];
    const r = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, routing: { rules, fallback: ['maria@acme.test'] } }]) as Save;
    const message = "routing rule 'North': assignTo lists bob@acme.test, who is not on the team.";
    expect(r).toEqual({ ok: false, problems: [message], issues: [{ path: 'routing.rules.0.assignTo', message }] });
    expect((run.call(OWNER, 'getConfig', []) as { version: number }).version).toBe(1);
  });

  it('catches a version conflict between two managers instead of overwriting', () => {
    const run = started({ ...SPEC_EXAMPLE, managers: [OWNER, 'ana@acme.test'] });
    expect((run.call('ana@acme.test', 'saveConfig', [{ ...SPEC_EXAMPLE, managers: [OWNER, 'ana@acme.test'], sweepMinutes: 10 }, 1]) as Save).ok).toBe(true);
    const r = run.call(OWNER, 'saveConfig', [{ ...SPEC_EXAMPLE, sweepMinutes: 15 }, 1]) as Save;
    expect(r.ok).toBe(false);
    expect(r.conflict).toBe(true);
    expect(r.problems?.[0]).toContain('changed by ana@acme.test since you opened them');
  });

  it('saves and loads a config with 200 team members and 200 rules, chunked under the 9 KB property limit', () => {
    const team = Array.from({ length: 200 }, (_, i) => ({ email: `rep${i}@acme.test`, name: `Rep ${i}`, capacity: 20, weight: 1, away: [] }));
    const rules = Array.from({ length: 200 }, (_, i) => ({
      name: `Territory ${i}`,
      when: { all: [{ field: 'location', op: 'in', value: [`Area ${i}`, `Zone ${i}`] }] },
      assignTo: [`rep${i}@acme.test`, `rep${(i + 1) % 200}@acme.test`],
      balance: 'weighted',
    }));
    const big = { ...SPEC_EXAMPLE, team: [...SPEC_EXAMPLE.team, ...team], routing: { rules, fallback: ['maria@acme.test'] } };
    const run = started();
    expect((run.call(OWNER, 'saveConfig', [big]) as Save).ok).toBe(true);
    const view = run.call(OWNER, 'getConfig', []) as { config: { team: unknown[]; routing: { rules: unknown[] } } };
    expect(view.config.team).toHaveLength(204);
    expect(view.config.routing.rules).toHaveLength(200);
    const values = [...propertiesState(run.rt).document.values()];
    expect(values.length).toBeGreaterThan(5);
    for (const v of values) expect(Buffer.byteLength(String(v), 'utf8')).toBeLessThanOrEqual(9 * 1024);
  });
});

describe('getConfig (server function)', () => {
  it('offers the condition builder every Baton field by its header here, the other headers of the sheet, and the operators', () => {
    const headers = ['Lead ID', 'Name', 'E-mail address', 'Region', 'Deal Size', '', 'region'];
    const run = new ScenarioRun(parseScenario(scenario({ config: { ...SPEC_EXAMPLE, columns: { email: 'E-mail address' } }, sheets: { Leads: [headers] } })), builtProject());
    run.install();
    const view = run.call('ben@acme.test', 'getConfig', []) as ConfigView;
    expect(view.user).toBe('ben@acme.test');
    expect(view.fields.find((f) => f.key === 'email')).toEqual({ key: 'email', header: 'E-mail address', standard: 'Email' });
    // "Region" is not a Baton field: conditions name it by its text (once, whatever its case).
    expect(view.fields.filter((f) => f.standard === undefined)).toEqual([{ key: 'Region', header: 'Region' }]);
    expect(view.operators.find((o) => o.name === 'in')).toEqual({ name: 'in', takesValue: true, list: true });
    expect(view.operators.find((o) => o.name === 'empty')).toEqual({ name: 'empty', takesValue: false, list: false });
    expect(view.invalid).toBeUndefined();
  });

  it('gives managers what to repair invalid settings from: the stored JSON, the defaults and where each problem is', () => {
    const run = started();
    const doc = propertiesState(run.rt).document;
    doc.set('baton.config', JSON.stringify({ revision: 9, chunks: 1, savedAt: run.rt.now(), savedBy: OWNER }));
    doc.set('baton.config.r9.0', JSON.stringify({ ...SPEC_EXAMPLE, sweepMinutes: 7 }));
    const view = run.call(OWNER, 'getConfig', []) as ConfigView;
    expect(view.config).toBeNull();
    expect(view.version).toBe(9);
    expect(view.invalid?.stored).toEqual({ ...SPEC_EXAMPLE, sweepMinutes: 7 });
    expect(view.invalid?.defaults.sweepMinutes).toBe(5);
    expect(view.invalid?.issues).toEqual([{ path: 'sweepMinutes', message: 'sweepMinutes must be 1, 5, 10, 15 or 30.' }]);
  });
});
