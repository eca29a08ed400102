import { Runtime, ERRORS } from '../../emulator/runtime';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const spec = { functionName: 'f', trigger: 'installable' as const, authMode: 'FULL' as const, activeUser: 'a@x.test', effectiveUser: 'a@x.test' };

describe('runtime gate', () => {
  it('counts calls by method and records the execution', () => {
    const rt = new Runtime(T0);
    const rec = rt.run(spec, () => {
      rt.call('Range.getValues', () => 1);
      rt.call('Range.getValues', () => 1);
      rt.call('Range.setValues', () => 1);
    });
    expect(rec.calls).toEqual({ 'Range.getValues': 2, 'Range.setValues': 1 });
    expect(rec.error).toBeNull();
  });

  it('stops an execution past its time limit with the platform text (PLATFORM.md, Quotas: one execution 6 min)', () => {
    const rt = new Runtime(T0, { callCostMs: { default: 1000 } });
    const rec = rt.run({ ...spec, limitMs: 2500 }, () => {
      for (let i = 0; i < 10; i++) rt.call('Range.getValue', () => 1);
    });
    expect(rec.error).toBe(ERRORS.timeLimit);
    expect(rec.calls['Range.getValue']).toBe(3);
  });

  it('rejects FULL-only services in a LIMITED execution (PLATFORM.md, Triggers: simple onEdit)', () => {
    const rt = new Runtime(T0);
    const rec = rt.run({ ...spec, trigger: 'simple', authMode: 'LIMITED' }, () =>
      rt.call('MailApp.sendEmail', () => 1, { auth: 'FULL', scopes: ['https://www.googleapis.com/auth/script.send_mail'] }),
    );
    expect(rec.error).toBe(
      'You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail',
    );
  });

  it('fires an injected fault on the nth call only, the given number of times', () => {
    const rt = new Runtime(T0);
    rt.injectFault({ method: 'Range.setValues', error: 'service', after: 1, times: 1 });
    const outcomes: string[] = [];
    rt.run(spec, () => {
      for (let i = 0; i < 3; i++) {
        try {
          rt.call('Range.setValues', () => 0);
          outcomes.push('ok');
        } catch (e) {
          outcomes.push((e as Error).message);
        }
      }
    });
    expect(outcomes).toEqual(['ok', ERRORS.service, 'ok']);
  });

  it('lets a hook run another execution between two calls of a running one', () => {
    const rt = new Runtime(T0);
    const order: string[] = [];
    rt.onCall(({ index, execution }) => {
      if (execution.spec.functionName === 'outer' && index === 2) {
        rt.run({ ...spec, functionName: 'inner' }, () => order.push('inner'));
      }
    });
    rt.run({ ...spec, functionName: 'outer' }, () => {
      rt.call('A.x', () => order.push('outer-1'));
      rt.call('A.y', () => order.push('outer-2'));
    });
    expect(order).toEqual(['outer-1', 'inner', 'outer-2']);
    expect(rt.records.map((r) => r.function)).toEqual(['inner', 'outer']);
  });
});
