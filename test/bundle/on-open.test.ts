import { Host } from '../../emulator/host';
import { Runtime } from '../../emulator/runtime';
import { authModeEnum } from '../../emulator/services/script-app';
import { uiState } from '../../emulator/services/ui';
import { spreadsheetState } from '../../emulator/spreadsheet';
import { builtProject, OPEN_AUTH_MODES } from '../support/scenario';

const MENU = ['Set up Baton', 'Settings', 'Retry failed handoffs now', 'Repair triggers', 'Build weekly report now', 'Run self-check'];

describe.each(OPEN_AUTH_MODES)('onOpen in AuthMode %s (%s)', (authMode, deployment) => {
  it('builds the Baton menu without error (PLATFORM.md: an unused add-on opens in NONE)', () => {
    const rt = new Runtime(Date.UTC(2026, 2, 2, 14), { deployment, oauthScopes: builtProject().manifest.oauthScopes });
    spreadsheetState(rt).owner = 'maria@acme.test';
    const host = new Host(rt, builtProject());
    const record = host.invoke(
      { functionName: 'onOpen', trigger: 'simple', event: 'open', authMode, activeUser: '', effectiveUser: '' },
      () => [{ authMode: authModeEnum(rt, authMode) }],
    );
    expect(record.error).toBeNull();
    const menus = uiState(rt).menus;
    expect(menus).toHaveLength(1);
    expect(menus[0].items.map((i) => ('caption' in i ? i.caption : null))).toEqual(MENU);
  });
});
