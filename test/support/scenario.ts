/** Small factories for scenarios, so each test states only what it is about. */
import type { AuthMode } from '../../emulator/runtime';
import { loadProject, type Project } from '../../emulator/host';
import { runScenario, type ScenarioResult } from '../../emulator/scenario';

let project: Project | null = null;
/** The built bundle, read once per test file. */
export function builtProject(): Project {
  project ??= loadProject();
  return project;
}

export const OWNER = 'maria@acme.test';
export const START = '2026-03-02T08:55:00-05:00';

export function scenario(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    start: START,
    timeZone: 'America/New_York',
    deployment: 'bound',
    owner: OWNER,
    sheets: {},
    config: { version: 1 },
    events: [],
    ...overrides,
  };
}

export function simulate(overrides: Record<string, unknown> = {}): ScenarioResult {
  return runScenario(scenario(overrides), builtProject());
}

/** Every auth mode onOpen meets, per deployment (an add-on not yet used in a document opens in NONE). */
export const OPEN_AUTH_MODES: [AuthMode, 'bound' | 'addon'][] = [
  ['NONE', 'addon'],
  ['LIMITED', 'addon'],
  ['LIMITED', 'bound'],
  ['FULL', 'addon'],
  ['FULL', 'bound'],
];
