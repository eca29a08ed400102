import { evaluate, operatorNames, registerOperator } from '../../src/core/conditions';

const lead = { dealSize: '$12,000', location: ' north ', customerType: 'Business', email: '', created: new Date(Date.UTC(2026, 2, 2)) };

describe('conditions', () => {
  it.each([
    [{ all: [{ field: 'dealSize', op: '>=', value: 1000 }] }, true],
    [{ all: [{ field: 'dealSize', op: '<', value: 1000 }] }, false],
    [{ all: [{ field: 'location', op: 'in', value: ['North', 'South'] }] }, true],
    [{ all: [{ field: 'location', op: 'not_in', value: ['North'] }] }, false],
    [{ all: [{ field: 'customerType', op: '=', value: 'business' }] }, true],
    [{ all: [{ field: 'customerType', op: '!=', value: 'Business' }] }, false],
    [{ all: [{ field: 'email', op: 'empty' }] }, true],
    [{ all: [{ field: 'email', op: 'not_empty' }] }, false],
    [{ all: [{ field: 'customerType', op: 'contains', value: 'SIN' }] }, true],
    [{ all: [{ field: 'created', op: '>', value: Date.UTC(2026, 2, 1) }] }, true],
    [{ any: [{ field: 'dealSize', op: '>', value: 50000 }, { field: 'location', op: '=', value: 'North' }] }, true],
    [{ all: [{ field: 'dealSize', op: '>', value: 50000 }, { field: 'location', op: '=', value: 'North' }] }, false],
    [{ all: [{ field: 'missingField', op: '>', value: 1 }] }, false],
  ])('%j → %s', (condition, expected) => {
    expect(evaluate(condition, lead)).toBe(expected);
  });

  it('reads numbers typed as text as a person means them, and text that is not a number never compares', () => {
    expect(evaluate({ all: [{ field: 'x', op: '>', value: 5 }] }, { x: 'about 10' })).toBe(false);
    expect(evaluate({ all: [{ field: 'x', op: '=', value: 1200 }] }, { x: '1,200' })).toBe(true);
  });

  it('holds when there is no condition, and never for an unknown operator', () => {
    expect(evaluate(null, lead)).toBe(true);
    expect(evaluate({ all: [{ field: 'dealSize', op: 'roughly', value: 1 }] }, lead)).toBe(false);
  });

  it('takes new operators by registration', () => {
    registerOperator('starts_with', { takesValue: true, test: (a, e) => String(a).startsWith(String(e)) });
    expect(operatorNames()).toContain('starts_with');
    expect(evaluate({ all: [{ field: 'customerType', op: 'starts_with', value: 'Bus' }] }, lead)).toBe(true);
  });
});
