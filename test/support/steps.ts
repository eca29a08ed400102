/** A scenario run stepped by hand, so tests can look at the sheet and the mail between sweeps. */
import { ScenarioRun, type ScenarioResult } from '../../emulator/scenario';
import { parseScenario } from '../../emulator/scenario-schema';
import { mailState, type SentMail } from '../../emulator/services/mail';
import { LEAD_HEADERS } from '../../src/core/headers';
import { builtProject, scenario } from './scenario';

export class Steps {
  readonly run: ScenarioRun;
  constructor(config: unknown, start: string, deployment: 'bound' | 'addon' = 'bound') {
    // A Workspace team in one domain (acme.test): Google shows editors' e-mails to Baton's triggers
    // (consumer accounts get blank ones: test/bundle/platform-editor-email.test.ts, docs/PLATFORM-FACTS.md).
    this.run = new ScenarioRun(parseScenario(scenario({ start, config, deployment, workspace: true, sheets: { Leads: [[...LEAD_HEADERS]] } })), builtProject());
    this.run.install();
  }
  /** Clock triggers up to `time`, then the event (if any) at `time`. */
  to(time: string, event?: unknown): this {
    const t = Date.parse(time);
    this.run.fireClockUntil(t);
    if (this.run.rt.now() < t) this.run.rt.clock.set(t);
    if (event) this.run.apply(event as Parameters<ScenarioRun['apply']>[0], t);
    return this;
  }
  result(): ScenarioResult {
    return this.run.result();
  }
  get sent(): SentMail[] {
    return mailState(this.run.rt).sent;
  }
}
