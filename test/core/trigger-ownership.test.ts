import { decideInstall, heartbeatIsFresh, shouldRetire } from '../../src/core/trigger-ownership';

const T = Date.UTC(2026, 2, 2, 14, 0, 0);
const MIN = 60_000;
const maria = { owner: 'maria@acme.test', installedAt: T - 60 * MIN, everyMinutes: 5 };

describe('trigger ownership', () => {
  it('installs when nobody has', () => {
    expect(decideInstall(null, 'ana@acme.test', null, T).action).toBe('install');
  });

  it('lets the owner repair their own triggers', () => {
    expect(decideInstall(maria, 'maria@acme.test', T - MIN, T).action).toBe('install');
  });

  it('leaves a working owner alone when a second manager runs setup', () => {
    const d = decideInstall(maria, 'ana@acme.test', T - 4 * MIN, T);
    expect(d).toEqual({ action: 'leave', reason: expect.stringContaining('maria@acme.test') });
  });

  it('takes over when the owner has not swept for twice the interval plus grace', () => {
    expect(heartbeatIsFresh(maria, T - 20 * MIN, T)).toBe(true);
    expect(heartbeatIsFresh(maria, T - 20 * MIN - 1, T)).toBe(false);
    expect(decideInstall(maria, 'ana@acme.test', T - 21 * MIN, T).action).toBe('install');
  });

  it('counts a fresh install as alive before its first sweep', () => {
    expect(heartbeatIsFresh({ ...maria, installedAt: T - 2 * MIN }, null, T)).toBe(true);
  });

  it('retires triggers of anyone but the recorded owner', () => {
    expect(shouldRetire(maria, 'ana@acme.test')).toBe(true);
    expect(shouldRetire(maria, 'maria@acme.test')).toBe(false);
    expect(shouldRetire(null, 'ana@acme.test')).toBe(false);
  });
});
