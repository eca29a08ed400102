import { ERRORS, ExecutionSpec, Runtime } from '../../emulator/runtime';
import { createLockService, lockState } from '../../emulator/services/lock';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const spec: ExecutionSpec = { functionName: 'sweep', trigger: 'installable', event: 'clock', authMode: 'FULL', activeUser: 'own@x.test', effectiveUser: 'own@x.test' };
const edit: ExecutionSpec = { functionName: 'onEditInstallable', trigger: 'installable', event: 'edit', authMode: 'FULL', activeUser: 'ann@x.test', effectiveUser: 'own@x.test' };

describe('LockService', () => {
  it('tryLock(0) takes a free lock at once; re-acquiring returns true; hasLock reflects it (PLATFORM.md, LockService)', () => {
    const rt = new Runtime(T0, { advanceClockPerCall: false });
    const rec = rt.run(spec, () => {
      const lock = createLockService(rt).getScriptLock();
      const before = lock.hasLock();
      const a = lock.tryLock(0);
      const b = createLockService(rt).getScriptLock().tryLock(0);
      const has = lock.hasLock();
      lock.releaseLock();
      return [before, a, b, has, lock.hasLock()];
    });
    expect(rec.result).toEqual([false, true, true, true, false]);
    expect(rt.now()).toBe(T0);
  });

  it('locks end with the execution (PLATFORM.md, LockService: "Locks end with the execution")', () => {
    const rt = new Runtime(T0);
    rt.run(spec, () => createLockService(rt).getScriptLock().waitLock(1000));
    expect(lockState(rt).holders.size).toBe(0);
    const rec = rt.run(edit, () => createLockService(rt).getScriptLock().tryLock(0));
    expect(rec.result).toBe(true);
  });

  it('an execution that slips in while the lock is held waits the whole timeout, then tryLock is false and waitLock throws (PLATFORM.md, LockService)', () => {
    const rt = new Runtime(T0, { advanceClockPerCall: false });
    const inner: unknown[] = [];
    rt.onCall(({ method, execution }) => {
      if (execution.spec.functionName === 'sweep' && method === 'Range.getValues') {
        const a = rt.run(edit, () => createLockService(rt).getScriptLock().tryLock(5000));
        const b = rt.run(edit, () => createLockService(rt).getScriptLock().waitLock(10_000));
        inner.push(a.result, b.error);
      }
    });
    const rec = rt.run(spec, () => {
      createLockService(rt).getScriptLock().waitLock(30_000);
      rt.call('Range.getValues', () => 0);
    });
    expect(rec.error).toBeNull();
    expect(inner).toEqual([false, ERRORS.lockTimeout]);
    expect(rt.now()).toBe(T0 + 15_000);
    expect(lockState(rt).timeouts.map((t) => t.waitedMs)).toEqual([5000, 10_000]);
  });

  it('the user lock is per effective user, the document lock per document (reference lock/lock-service)', () => {
    const rt = new Runtime(T0);
    lockState(rt).hold('user:own@x.test');
    const rec = rt.run(spec, () => {
      const s = createLockService(rt);
      return [s.getUserLock().tryLock(0), s.getDocumentLock()!.tryLock(0)];
    });
    expect(rec.result).toEqual([false, true]);
    const other = rt.run({ ...spec, effectiveUser: 'x@x.test' }, () => createLockService(rt).getUserLock().tryLock(0));
    expect(other.result).toBe(true);
  });

  it('getDocumentLock is null without a container document (PLATFORM.md, LockService)', () => {
    const rt = new Runtime(T0);
    lockState(rt).hasDocument = false;
    expect(rt.run(spec, () => createLockService(rt).getDocumentLock()).result).toBeNull();
  });

  it('waiting past the time limit ends the execution (PLATFORM.md, Quotas: one execution 6 min)', () => {
    const rt = new Runtime(T0);
    lockState(rt).hold('script');
    const rec = rt.run({ ...spec, limitMs: 20_000 }, () => createLockService(rt).getScriptLock().waitLock(30_000));
    expect(rec.error).toBe(ERRORS.timeLimit);
  });

  it('counts lock calls (emulator/CONVENTIONS.md rule 1)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      const l = createLockService(rt).getScriptLock();
      l.tryLock(10);
      l.hasLock();
      l.releaseLock();
    });
    expect(rec.calls).toEqual({ 'LockService.getScriptLock': 1, 'Lock.tryLock': 1, 'Lock.releaseLock': 1 });
  });
});
