import { ERRORS, ExecutionSpec, Runtime } from '../../emulator/runtime';
import {
  PROPERTIES_DAILY_ERROR,
  STORAGE_QUOTA_ERROR,
  createPropertiesService,
  propertiesState,
} from '../../emulator/services/properties';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const ann: ExecutionSpec = { functionName: 'f', trigger: 'menu', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'ann@x.test' };
const bob: ExecutionSpec = { ...ann, activeUser: 'bob@x.test', effectiveUser: 'bob@x.test' };

describe('PropertiesService', () => {
  it('stores every value as a string; missing keys read null (reference properties/properties: setProperty, getProperty; PLATFORM.md Quotas: all values strings)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(ann, () => {
      const p = createPropertiesService(rt).getDocumentProperties()!;
      p.setProperty('n', 25 as unknown as string).setProperty('b', true as unknown as string);
      return [p.getProperty('n'), p.getProperty('b'), p.getProperty('missing')];
    });
    expect(rec.result).toEqual(['25', 'true', null]);
  });

  it('document and script stores are shared, user stores are per effective user (reference properties/properties-service)', () => {
    const rt = new Runtime(T0);
    rt.run(ann, () => {
      const s = createPropertiesService(rt);
      s.getDocumentProperties()!.setProperty('d', '1');
      s.getScriptProperties().setProperty('s', '1');
      s.getUserProperties().setProperty('u', 'ann');
    });
    const rec = rt.run(bob, () => {
      const s = createPropertiesService(rt);
      return [s.getDocumentProperties()!.getProperty('d'), s.getScriptProperties().getProperty('s'), s.getUserProperties().getProperty('u')];
    });
    expect(rec.result).toEqual(['1', '1', null]);
    expect(propertiesState(rt).userStore('ann@x.test').get('u')).toBe('ann');
  });

  it('setProperties with deleteAllOthers replaces the store; getProperties/getKeys/delete work (reference properties/properties)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(ann, () => {
      const p = createPropertiesService(rt).getScriptProperties();
      p.setProperties({ a: '1', b: '2' });
      p.setProperties({ c: 3 }, true);
      const keys = p.getKeys();
      const all = p.getProperties();
      p.deleteProperty('c');
      const after = p.getKeys().length;
      p.setProperty('x', 'y').deleteAllProperties();
      return [Array.isArray(keys), [...keys], { ...all }, after, p.getKeys().length];
    });
    expect(rec.result).toEqual([true, ['c'], { c: '3' }, 0, 0]);
  });

  it('a value over 9 KB throws the storage quota error and is not stored (PLATFORM.md, Quotas: properties 9 KB per value)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(ann, () => {
      const p = createPropertiesService(rt).getScriptProperties();
      p.setProperty('ok', 'x'.repeat(9 * 1024));
      try {
        p.setProperty('big', 'x'.repeat(9 * 1024 + 1));
      } catch (e) {
        return [(e as Error).message, p.getProperty('big')];
      }
      return null;
    });
    expect(rec.result).toEqual([STORAGE_QUOTA_ERROR, null]);
  });

  it('a store over 500 KB throws the storage quota error (PLATFORM.md, Quotas: properties 500 KB per store)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(ann, () => {
      const p = createPropertiesService(rt).getDocumentProperties()!;
      for (let i = 0; i < 60; i++) p.setProperty('k' + i, 'x'.repeat(9000));
    });
    expect(rec.error).toBe(STORAGE_QUOTA_ERROR);
    expect(propertiesState(rt).document.size).toBe(56);
  });

  it('fails in AuthMode.NONE (PLATFORM.md, Triggers: unused add-on onOpen, "even PropertiesService fails")', () => {
    const rt = new Runtime(T0);
    const rec = rt.run({ ...ann, trigger: 'simple', event: 'open', authMode: 'NONE', activeUser: '' }, () =>
      createPropertiesService(rt).getDocumentProperties(),
    );
    expect(rec.error).toBe(ERRORS.noAuth);
  });

  it('counts reads and writes per day and throws past 50,000 (PLATFORM.md, Quotas: properties reads+writes per day)', () => {
    const rt = new Runtime(T0);
    propertiesState(rt).setDailyCount('ann@x.test', 49_999, T0);
    const rec = rt.run(ann, () => {
      const p = createPropertiesService(rt).getScriptProperties();
      p.getProperty('a');
      p.getProperty('a');
    });
    expect(rec.error).toBe(PROPERTIES_DAILY_ERROR);
    expect(rec.calls).toEqual({ 'PropertiesService.getScriptProperties': 1, 'Properties.getProperty': 2 });
    rt.clock.advance(86_400_000);
    expect(rt.run(ann, () => createPropertiesService(rt).getScriptProperties().getProperty('a')).error).toBeNull();
  });

  it('the daily quota is 500,000 for Workspace accounts (PLATFORM.md, Quotas)', () => {
    const rt = new Runtime(T0, { workspace: true });
    propertiesState(rt).setDailyCount('ann@x.test', 60_000, T0);
    expect(rt.run(ann, () => createPropertiesService(rt).getScriptProperties().getProperty('a')).error).toBeNull();
  });
});
