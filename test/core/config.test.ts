import { defaultConfig, mergeConfig } from '../../src/core/config';

describe('mergeConfig', () => {
  it('fills what a partial config leaves out from the defaults', () => {
    const r = mergeConfig({ version: 1, intake: { phoneRegion: 'DE' } }, 'Europe/Berlin');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.timeZone).toBe('Europe/Berlin');
    expect(r.config.intake.phoneRegion).toBe('DE');
    expect(r.config.intake.contact).toBe(defaultConfig('UTC').intake.contact);
    expect(r.config.sweepMinutes).toBe(5);
  });

  it('refuses a version it does not know instead of guessing', () => {
    expect(mergeConfig({ version: 2 }, 'UTC')).toEqual({
      ok: false,
      problems: ['Configuration version 2 is not supported; this Baton reads version 1.'],
    });
  });

  it('explains each problem in words', () => {
    const r = mergeConfig({ leadsSheet: '', sweepMinutes: 90, managers: 'maria' }, 'UTC');
    expect(r).toEqual({
      ok: false,
      problems: [
        'leadsSheet must name the tab that holds the leads.',
        'managers must be a list of e-mail addresses.',
        'sweepMinutes must be a number of minutes from 1 to 30.',
      ],
    });
  });

  it('refuses what is not an object', () => {
    expect(mergeConfig([1], 'UTC').ok).toBe(false);
    expect(mergeConfig(null, 'UTC').ok).toBe(false);
  });
});
