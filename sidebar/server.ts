/**
 * A typed promise wrapper over `google.script.run`: `server.getConfig()` resolves with what the
 * server function returns, or rejects with the Error the failure handler gets. Arguments are
 * checked to be JSON-safe first: a Date or a function fails on Google, so it fails here, early
 * and with a message that names it.
 */
import type { ServerApi } from '../src/server-api';

export type Remote = { [K in keyof ServerApi]: (...args: Parameters<ServerApi[K]>) => Promise<ReturnType<ServerApi[K]>> };

/** Throws unless `value` is made only of what google.script.run carries: JSON values. */
export function assertWireSafe(value: unknown, where: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where} is not a finite number.`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertWireSafe(v, `${where}[${i}]`));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) assertWireSafe(v, `${where}.${k}`);
    return;
  }
  throw new Error(`${where} cannot be sent to the server (${value instanceof Date ? 'a Date: send milliseconds' : typeof value}).`);
}

function call(name: string, args: unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    try {
      args.forEach((a, i) => assertWireSafe(a, `${name} argument ${i + 1}`));
    } catch (e) {
      reject(e);
      return;
    }
    const runner = google.script.run
      .withSuccessHandler((result) => resolve(result))
      .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
    (runner as unknown as Record<string, (...a: unknown[]) => void>)[name](...args);
  });
}

export const server = new Proxy({} as Remote, {
  get: (_target, name) => (...args: unknown[]) => call(String(name), args),
});
