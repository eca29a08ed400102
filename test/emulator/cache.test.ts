import { ExecutionSpec, Runtime } from '../../emulator/runtime';
import { cacheState, createCacheService } from '../../emulator/services/cache';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const spec: ExecutionSpec = { functionName: 'f', trigger: 'menu', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'ann@x.test' };

describe('CacheService', () => {
  it('put/get with the default 600 s expiry on the emulated clock (reference cache/cache: put; PLATFORM.md Quotas: CacheService)', () => {
    const rt = new Runtime(T0, { advanceClockPerCall: false });
    rt.run(spec, () => createCacheService(rt).getScriptCache().put('k', 'v'));
    rt.clock.advance(599_000);
    expect(rt.run(spec, () => createCacheService(rt).getScriptCache().get('k')).result).toBe('v');
    rt.clock.advance(1_000);
    expect(rt.run(spec, () => createCacheService(rt).getScriptCache().get('k')).result).toBeNull();
  });

  it('getAll returns only present keys; putAll, remove, removeAll (reference cache/cache)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      const c = createCacheService(rt).getDocumentCache()!;
      c.putAll({ a: '1', b: '2', c: '3' }, 60);
      c.remove('a');
      c.removeAll(['b']);
      return { ...c.getAll(['a', 'b', 'c', 'd']) };
    });
    expect(rec.result).toEqual({ c: '3' });
  });

  it('rejects keys over 250 characters (reference cache/cache: put; error text from Eloise1988/COINGECKO#13)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => createCacheService(rt).getScriptCache().get('k'.repeat(251)));
    expect(rec.error).toBe('Argument too large: key');
  });

  it('rejects values over 100 KB and expiry over 21,600 s (PLATFORM.md, Quotas: CacheService)', () => {
    const rt = new Runtime(T0);
    const big = rt.run(spec, () => createCacheService(rt).getScriptCache().put('k', 'x'.repeat(100 * 1024 + 1)));
    expect(big.error).toBe('Argument too large: value');
    const long = rt.run(spec, () => createCacheService(rt).getScriptCache().put('k', 'v', 21_601));
    expect(long.error).toBe('Argument too large: expirationInSeconds');
    const ok = rt.run(spec, () => createCacheService(rt).getScriptCache().put('k', 'v', 21_600));
    expect(ok.error).toBeNull();
  });

  it('keeps at most 1,000 items: past that the 900 farthest from expiry stay (reference cache/cache-service)', () => {
    const rt = new Runtime(T0);
    rt.run(spec, () => {
      const c = createCacheService(rt).getScriptCache();
      const all: Record<string, string> = {};
      for (let i = 0; i < 1000; i++) all['k' + i] = 'v';
      c.putAll(all, 100);
      c.put('last', 'v', 200);
    });
    const map = cacheState(rt).cache('script');
    expect(map.size).toBe(900);
    expect(map.has('last')).toBe(true);
  });

  it('user caches are per effective user; evictAll drops everything (reference cache/cache-service: getUserCache)', () => {
    const rt = new Runtime(T0);
    rt.run(spec, () => createCacheService(rt).getUserCache().put('k', 'ann'));
    expect(rt.run({ ...spec, effectiveUser: 'bob@x.test' }, () => createCacheService(rt).getUserCache().get('k')).result).toBeNull();
    expect(rt.run(spec, () => createCacheService(rt).getUserCache().get('k')).result).toBe('ann');
    cacheState(rt).evictAll();
    expect(rt.run(spec, () => createCacheService(rt).getUserCache().get('k')).result).toBeNull();
  });
});
