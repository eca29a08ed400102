import { defaultConfig, parseConfig, withManager } from '../../src/core/config';
import { SPEC_EXAMPLE } from '../support/spec-example';

const problemsOf = (input: unknown) => {
  const r = parseConfig(input, 'America/New_York');
  return r.ok ? [] : r.problems;
};

describe('parseConfig', () => {
  it('accepts the example config of SPEC.md as it stands', () => {
    const r = parseConfig(SPEC_EXAMPLE, 'UTC');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.routing.rules[1].assignTo).toEqual(['ana@acme.test', 'cy@acme.test']);
  });

  it('fills what a partial config leaves out from the defaults', () => {
    const r = parseConfig({ version: 1, managers: ['m@x.test'], intake: { phoneRegion: 'DE' } }, 'Europe/Berlin');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.timeZone).toBe('Europe/Berlin');
    expect(r.config.intake.phoneRegion).toBe('DE');
    expect(r.config.intake.contact).toBe(defaultConfig('UTC').intake.contact);
    expect(r.config.sweepMinutes).toBe(5);
  });

  it('names the rule and the person when assignTo lists someone not on the team', () => {
    const config = { ...SPEC_EXAMPLE, routing: { ...SPEC_EXAMPLE.routing, rules: [{ ...SPEC_EXAMPLE.routing.rules[1], assignTo: ['ana@acme.test', 'bob@acme.test'] }] } };
    expect(problemsOf(config)).toEqual(["routing rule 'North': assignTo lists bob@acme.test, who is not on the team."]);
  });

  it('names the team member and the field for a bad value', () => {
    const team = [...SPEC_EXAMPLE.team];
    team[1] = { ...team[1], capacity: -2 };
    expect(problemsOf({ ...SPEC_EXAMPLE, team })).toEqual(["team member 'ben@acme.test': capacity must be at least 0."]);
  });

  it('names the condition with an unknown operator', () => {
    expect(problemsOf({ ...SPEC_EXAMPLE, readiness: { all: [{ field: 'dealSize', op: 'about', value: 3 }] } })).toEqual([
      expect.stringMatching(/^readiness, condition 1: op must be one of =, !=, in/),
    ]);
  });

  it('refuses a newer version instead of guessing, and a non-object', () => {
    expect(problemsOf({ version: 2 })).toEqual(['Configuration version 2 is newer than this Baton reads (version 1). Update Baton first.']);
    expect(problemsOf([1])).toEqual(['The configuration must be a JSON object.']);
  });

  it('refuses a sweep interval Apps Script cannot schedule', () => {
    expect(problemsOf({ ...SPEC_EXAMPLE, sweepMinutes: 7 })).toEqual(['sweepMinutes must be 1, 5, 10, 15 or 30.']);
  });

  it('lowercases and trims e-mail addresses so comparisons hold', () => {
    const r = parseConfig({ ...SPEC_EXAMPLE, managers: ['  Maria@Acme.test '] }, 'UTC');
    expect(r.ok && r.config.managers).toEqual(['maria@acme.test']);
  });

  it('saves a config with 200 team members and 200 rules', () => {
    const team = Array.from({ length: 200 }, (_, i) => ({ email: `rep${i}@acme.test`, name: `Rep ${i}`, capacity: 20, weight: 1 }));
    const rules = Array.from({ length: 200 }, (_, i) => ({
      name: `Rule ${i}`,
      when: { all: [{ field: 'location', op: '=', value: `Area ${i}` }] },
      assignTo: [`rep${i}@acme.test`],
      balance: 'round_robin',
    }));
    const r = parseConfig({ ...SPEC_EXAMPLE, team, routing: { rules, fallback: ['rep0@acme.test'] } }, 'UTC');
    expect(r.ok).toBe(true);
  });
});

describe('withManager', () => {
  it('adds the person running setup to the managers once', () => {
    expect(withManager({ managers: ['a@x.test'] }, 'b@x.test')).toEqual({ managers: ['a@x.test', 'b@x.test'] });
    expect(withManager({ managers: ['a@x.test'] }, 'a@x.test')).toEqual({ managers: ['a@x.test'] });
    expect(withManager({}, 'a@x.test')).toEqual({ managers: ['a@x.test'] });
  });
});

describe('where each problem is (for the sidebar)', () => {
  const issuesOf = (input: unknown) => {
    const r = parseConfig(input, 'America/New_York');
    return r.ok ? [] : r.issues;
  };

  it('gives schema problems the dotted path of their field', () => {
    const team = SPEC_EXAMPLE.team.map((m, i) => (i === 2 ? { ...m, email: 'not an address' } : m));
    expect(issuesOf({ ...SPEC_EXAMPLE, team, sweepMinutes: 7 })).toEqual(
      expect.arrayContaining([
        { path: 'sweepMinutes', message: 'sweepMinutes must be 1, 5, 10, 15 or 30.' },
        { path: 'team.2.email', message: "team member 'not an address': email must be an e-mail address." },
      ]),
    );
  });

  it('places cross-field problems at the field a manager must change', () => {
    const rules = [{ ...SPEC_EXAMPLE.routing.rules[0], assignTo: ['bob@acme.test'] }, SPEC_EXAMPLE.routing.rules[1]];
    expect(issuesOf({ ...SPEC_EXAMPLE, routing: { rules, fallback: ['zed@acme.test'] } })).toEqual([
      { path: 'routing.rules.0.assignTo', message: "routing rule 'Enterprise': assignTo lists bob@acme.test, who is not on the team." },
      { path: 'routing.fallback', message: 'routing fallback lists zed@acme.test, who is not on the team.' },
    ]);
    expect(issuesOf({ ...SPEC_EXAMPLE, readiness: { all: [{ field: 'dealSize', op: '>=' }] } })).toEqual([
      { path: 'readiness.all.0', message: 'readiness, condition 1: this condition needs a value to compare with.' },
    ]);
  });

  it('puts whole-config problems at the empty path', () => {
    expect(issuesOf('nope')).toEqual([{ path: '', message: 'The configuration must be a JSON object.' }]);
  });
});
