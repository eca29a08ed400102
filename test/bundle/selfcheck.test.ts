/**
 * Run self-check, end to end: the real bundle's menu item runs its platform probes in the
 * emulator, where every fact the emulator assumes must hold, and writes the Baton Self-check tab
 * (issue 17). The same probes run in a real spreadsheet (README, "Checking the platform").
 */
import { SELF_CHECK_HEADERS, SELF_CHECK_SCRATCH, SELF_CHECK_TAB } from '../../src/core/self-check';
import { LEAD_HEADERS } from '../../src/core/headers';
import { SPEC_EXAMPLE } from '../support/spec-example';
import { OWNER, simulate } from '../support/scenario';

const AT = '2026-03-02T10:00:00-05:00';
const selfCheck = (user = OWNER) => ({ at: AT, type: 'menu', user, item: 'Run self-check' });
const run = (extra: Record<string, unknown> = {}, user = OWNER) =>
  simulate({ config: SPEC_EXAMPLE, sheets: { Leads: [[...LEAD_HEADERS]] }, events: [selfCheck(user)], until: AT, ...extra });

describe('Run self-check from the menu (issue 17)', () => {
  const r = run();
  const tab = r.sheets[SELF_CHECK_TAB] as string[][];

  it('runs without an error and writes the Baton Self-check tab: fact, assumption, outcome, holds', () => {
    expect(r.executions.filter((e) => e.function === 'menuRunSelfCheck').map((e) => e.error)).toEqual([null]);
    expect(tab[0]).toEqual([...SELF_CHECK_HEADERS]);
  });

  it('runs at least 15 probes, and every fact the emulator assumes holds in the emulator', () => {
    const rows = tab.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const failing = rows.filter((row) => row[3] !== 'yes').map((row) => `${row[0]}: assumed ${row[1]}, did ${row[2]}`);
    expect(failing).toEqual([]);
    for (const row of rows) expect(row[2]).toBe(row[1]);
  });

  it('covers the facts the issue names', () => {
    const facts = tab.slice(1).map((row) => row[0]).join('\n');
    for (const needle of ['getValues', '"="', '"+1 212 555 0101"', 'Plain-text', 'wrong number of columns', 'getProjectTriggers', 'LockService', '9 KB', 'CacheService', 'MailApp', 'formatDate', 'unknown time zone', 'e-mail', 'pending writes', 'locale'])
      expect(facts).toContain(needle);
  });

  it('cleans up its scratch tab and tells the manager the summary', () => {
    expect(Object.keys(r.sheets)).not.toContain(SELF_CHECK_SCRATCH);
    const n = tab.length - 1;
    expect(r.alerts.map((a) => a.message)).toContainEqual(`${n} of ${n} platform facts hold in this spreadsheet. The results are in the "${SELF_CHECK_TAB}" tab: please send it to Baton's maintainers.`);
  });

  it('holds in a spreadsheet whose locale reads dates day first, and for a manager who does not own the triggers', () => {
    const gb = run({ locale: 'en_GB', workspace: true, config: { ...SPEC_EXAMPLE, managers: [OWNER, 'ana@acme.test'] } }, 'ana@acme.test');
    const rows = (gb.sheets[SELF_CHECK_TAB] as string[][]).slice(1);
    expect(rows.filter((row) => row[3] !== 'yes')).toEqual([]);
    expect(rows.find((row) => row[0].includes('locale'))![2]).toBe('2026-04-03 (locale en_GB)');
    expect(rows.find((row) => row[0].includes('getProjectTriggers'))![2]).toBe('(none)');
  });

  it('holds in an editor add-on deployment too', () => {
    const addon = run({ deployment: 'addon' });
    const rows = (addon.sheets[SELF_CHECK_TAB] as string[][]).slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    expect(rows.filter((row) => row[3] !== 'yes')).toEqual([]);
  });

  it('a fact that does not hold is reported as "no" with what the spreadsheet did (the "+" rule switched off)', () => {
    const kind = run({ emulator: { plusStartsFormula: false } });
    const row = (kind.sheets[SELF_CHECK_TAB] as string[][]).find((x) => x[0].startsWith('A phone "+1 212 555 0101"'))!;
    expect(row.slice(1)).toEqual(['text "#ERROR!"', 'text "+1 212 555 0101"', 'no']);
    expect(kind.alerts.at(-1)!.message).toMatch(/^\d+ of \d+ platform facts hold in this spreadsheet\. Not as assumed: A phone "\+1 212 555 0101"/);
  });

  it('is for managers only: anyone else is told so and no tab is written', () => {
    const other = run({}, 'cy@acme.test');
    expect(Object.keys(other.sheets)).not.toContain(SELF_CHECK_TAB);
    expect(other.alerts.at(-1)!.message).toBe("Only Baton's managers can run the self-check; cy@acme.test is not one of them.");
  });
});
