/**
 * LockService and Lock.
 * Reference: developers.google.com/apps-script/reference/lock/lock-service and /lock;
 * PLATFORM.md, LockService.
 *
 * - Three locks: the script lock (all users), the document lock (per document; `null` when there
 *   is no container document: `lockState(rt).hasDocument = false`), the user lock (per effective
 *   user).
 * - `tryLock(ms)` → boolean, `waitLock(ms)` throws `Lock timeout: another process was holding the
 *   lock for too long.`; taking a lock the execution already holds succeeds at once; a free lock
 *   is taken at once even with a timeout of 0.
 * - Locks end with the execution (a release handler on the runtime).
 * - Executions in this emulator nest synchronously: a lock held by an outer (suspended) execution
 *   cannot be released while an inner one waits. A wait on a held lock therefore advances the
 *   clock by the whole timeout (counted in the execution's time) and then fails. If the time
 *   limit passes while waiting, the execution ends with `Exceeded maximum execution time`.
 * - Tests may make "another process" hold a lock with `lockState(rt).hold(key)`.
 */
import { ERRORS, Execution, Runtime } from '../runtime';
import { paramsError } from './utilities';

export type LockKey = string; // 'script' | 'document' | 'user:<email>'

export interface Holder {
  /** The execution holding the lock, or -1 for an outside process seeded by a test. */
  executionId: number;
  functionName: string;
  since: number;
}

export class LockState {
  readonly holders = new Map<LockKey, Holder>();
  /** Every failed wait: which lock, for how long, by which execution. */
  readonly timeouts: { at: number; key: LockKey; executionId: number; waitedMs: number }[] = [];
  /** Whether getDocumentLock() has a document (a container-bound script or add-on: always). */
  hasDocument = true;

  /** A test makes an outside process hold `key` until `release(key)`. */
  hold(key: LockKey, functionName = 'other process', since = 0): void {
    this.holders.set(key, { executionId: -1, functionName, since });
  }

  release(key: LockKey): void {
    this.holders.delete(key);
  }

  holderOf(key: LockKey): Holder | undefined {
    return this.holders.get(key);
  }
}

export function lockState(rt: Runtime): LockState {
  return rt.slot('lock', () => {
    const st = new LockState();
    rt.releaseHandlers.push((exec: Execution) => {
      for (const key of exec.locks) if (st.holders.get(key)?.executionId === exec.id) st.holders.delete(key);
      exec.locks.clear();
    });
    return st;
  });
}

export class Lock {
  private acquired = false;

  constructor(
    private readonly rt: Runtime,
    readonly key: LockKey,
  ) {}

  private owns(): boolean {
    const exec = this.rt.current;
    return !!exec && lockState(this.rt).holders.get(this.key)?.executionId === exec.id;
  }

  /** Takes the lock if free or already ours; else waits the whole timeout (see file comment). */
  private acquire(timeout: unknown, method: string): boolean {
    if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw paramsError(this.rt, [timeout], method);
    const st = lockState(this.rt);
    const exec = this.rt.execution();
    const holder = st.holders.get(this.key);
    if (!holder || holder.executionId === exec.id) {
      st.holders.set(this.key, { executionId: exec.id, functionName: exec.spec.functionName, since: this.rt.now() });
      exec.locks.add(this.key);
      this.acquired = true;
      return true;
    }
    const wait = Math.max(0, Math.trunc(timeout));
    this.rt.clock.advance(wait);
    exec.modeledMs += wait;
    st.timeouts.push({ at: this.rt.now(), key: this.key, executionId: exec.id, waitedMs: wait });
    if (this.rt.now() - exec.startedAt > exec.limitMs) throw this.rt.error(ERRORS.timeLimit);
    return false;
  }

  tryLock(timeoutInMillis: unknown): boolean {
    return this.rt.call('Lock.tryLock', () => this.acquire(timeoutInMillis, 'Lock.tryLock'));
  }

  waitLock(timeoutInMillis: unknown): void {
    this.rt.call('Lock.waitLock', () => {
      if (!this.acquire(timeoutInMillis, 'Lock.waitLock')) throw this.rt.error(ERRORS.lockTimeout);
    });
  }

  /** true if this Lock object acquired the lock and still holds it (reference: Lock.hasLock). */
  hasLock(): boolean {
    return this.rt.call('Lock.hasLock', () => this.acquired && this.owns(), { free: true });
  }

  /** Releases the lock; no effect if it was not acquired (reference: Lock.releaseLock). */
  releaseLock(): void {
    this.rt.call('Lock.releaseLock', () => {
      if (!this.acquired) return;
      this.acquired = false;
      if (this.owns()) {
        lockState(this.rt).holders.delete(this.key);
        this.rt.execution().locks.delete(this.key);
      }
    });
  }
}

export class LockService {
  constructor(private readonly rt: Runtime) {
    lockState(rt); // registers the release handler
  }

  getScriptLock(): Lock {
    return this.rt.call('LockService.getScriptLock', () => new Lock(this.rt, 'script'));
  }

  getDocumentLock(): Lock | null {
    return this.rt.call('LockService.getDocumentLock', () => (lockState(this.rt).hasDocument ? new Lock(this.rt, 'document') : null));
  }

  getUserLock(): Lock {
    return this.rt.call('LockService.getUserLock', () => new Lock(this.rt, 'user:' + this.rt.execution().spec.effectiveUser));
  }
}

export function createLockService(rt: Runtime): LockService {
  return new LockService(rt);
}
