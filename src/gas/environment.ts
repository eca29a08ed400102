/** Who is running and where: the deployment kind and the running account. */
import type { Deployment } from '../core/trigger-plan';

export function deployment(): Deployment {
  return ScriptApp.getInstallationSource() === ScriptApp.InstallationSource.NONE ? 'bound' : 'addon';
}

/**
 * The account whose authority the execution runs under. In menu and sidebar runs that is the
 * person at the keyboard; in installable triggers it is the trigger's owner.
 */
export function effectiveEmail(): string {
  // It cannot change within an execution: asked once (issue 16, calls per sweep).
  effective ??= Session.getEffectiveUser().getEmail();
  return effective;
}

let effective: string | null = null;

/** The person at the keyboard; '' when the platform hides it (simple triggers, other domains). */
export function activeEmail(): string {
  return Session.getActiveUser().getEmail();
}
