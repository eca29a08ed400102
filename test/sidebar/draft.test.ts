/** The sidebar's draft editing: pure functions, so the page stays simple and these stay tested. */
import { parseConfig, type BatonConfig } from '../../src/core/config';
import { importedDraft, issuesAt, moved, parseLines, removeMember, renameMember, setIn, typedValue } from '../../sidebar/draft';
import { SPEC_EXAMPLE } from '../support/spec-example';

const parsed = parseConfig(SPEC_EXAMPLE, 'America/New_York');
if (!parsed.ok) throw new Error('SPEC example must parse');
const CONFIG: BatonConfig = parsed.config;

describe('setIn', () => {
  it('replaces one value by path and copies only the objects on the way', () => {
    const next = setIn(CONFIG, ['team', 1, 'capacity'], 12);
    expect(next.team[1].capacity).toBe(12);
    expect(CONFIG.team[1].capacity).toBe(10);
    expect(next.team[0]).toBe(CONFIG.team[0]);
    expect(next.routing).toBe(CONFIG.routing);
    expect(Array.isArray(next.team)).toBe(true);
  });
});

describe('lists typed one per line', () => {
  it('splits on lines and commas, trims, and drops empty items', () => {
    expect(parseLines(' North \n\nSouth, East,\n')).toEqual(['North', 'South', 'East']);
  });
  it('reads numbers typed as text as numbers, and leaves other text alone', () => {
    expect([typedValue('1000'), typedValue(' 2.5 '), typedValue('-3'), typedValue('10a'), typedValue(''), typedValue('Business')]).toEqual([1000, 2.5, -3, '10a', '', 'Business']);
  });
});

describe('team changes carry through the rules', () => {
  it('renaming a member renames them in rules, the fallback and the managers', () => {
    const next = renameMember(CONFIG, 'maria@acme.test', 'maria.l@acme.test');
    expect(next.managers).toEqual(['maria.l@acme.test']);
    expect(next.routing.fallback).toEqual(['maria.l@acme.test']);
    expect(renameMember(CONFIG, 'ben@acme.test', 'benny@acme.test').routing.rules[0].assignTo).toEqual(['benny@acme.test']);
  });
  it('removing a member takes them out of every pool but not out of the managers', () => {
    const next = removeMember(CONFIG, CONFIG.team.findIndex((m) => m.email === 'cy@acme.test'));
    expect(next.team.map((m) => m.name)).toEqual(['Ana', 'Ben', 'Maria']);
    expect(next.routing.rules[1].assignTo).toEqual(['ana@acme.test']);
    expect(next.managers).toEqual(CONFIG.managers);
  });
});

describe('moved', () => {
  it('moves an item and ignores moves past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moved(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });
});

describe('issuesAt', () => {
  it('finds the problems at a field and under it, not at a sibling with a longer name', () => {
    const issues = [
      { path: 'team.1.capacity', message: 'a' },
      { path: 'team.10.name', message: 'b' },
      { path: 'team.1', message: 'c' },
    ];
    expect(issuesAt(issues, ['team', 1]).map((i) => i.message)).toEqual(['a', 'c']);
    expect(issuesAt(issues, ['team', 1, 'capacity']).map((i) => i.message)).toEqual(['a']);
  });
});

describe('importedDraft', () => {
  it('lays imported sections over the current settings, one level deep', () => {
    const r = importedDraft({ sla: { dueSoonPercent: 50 }, leadsSheet: 'Inbound' }, CONFIG);
    expect(r.ok && r.draft.sla).toEqual({ ...CONFIG.sla, dueSoonPercent: 50 });
    expect(r.ok && r.draft.leadsSheet).toBe('Inbound');
  });
  it.each([
    ['[]', 'The JSON must be an object: { … }.'],
    ['{"team": {}}', '"team" must be a list.'],
    ['{"routing": []}', '"routing" must be an object.'],
    ['{"routing": {"rules": "North"}}', '"routing.rules" must be a list.'],
    ['{"team": [1]}', 'Each item of "team" must be an object.'],
  ])('refuses %s, which the form could not show', (json, problem) => {
    expect(importedDraft(JSON.parse(json), CONFIG)).toEqual({ ok: false, problem });
  });
});
