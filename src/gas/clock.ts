/** The one place the shell reads the time; the core is always handed `now`. */
export function now(): number {
  return new Date().getTime();
}
