/**
 * Phones typed with a "+" (issue 17, items 1 and 2): Sheets reads `+1 212 555 0101` typed into an
 * unformatted cell as a formula (`#ERROR!`). Set up Baton formats the Leads tab's Phone column as
 * plain text, so there the text stays; a `#ERROR!` or a number in Phone gets a Problem saying how
 * to fix it.
 */
import { LEAD_HEADERS } from '../../src/core/headers';
import { ANA, at, byName, completeLead, letter, paste } from '../support/leads';
import { simulate } from '../support/scenario';
import { SPEC_EXAMPLE } from '../support/spec-example';

const H = [...LEAD_HEADERS];
const CONFIG = { ...SPEC_EXAMPLE, team: [], routing: { rules: [], fallback: [] } };
const PHONE = '+1 212 555 0101';

describe('a person types "+1 212 555 0101"', () => {
  const r = simulate({
    config: CONFIG,
    sheets: { Leads: [H], Notes: [['Phone']] },
    events: [
      { at: at('09:00'), type: 'edit', user: ANA, sheet: 'Notes', range: 'A2', values: [[PHONE]] },
      paste(at('09:01'), 2, [completeLead('Dana', { Email: '', Phone: PHONE })]),
    ],
    until: at('09:05'),
  });

  it('into an unformatted cell: it reads #ERROR! (the "=+1 212 555 0101" formula)', () => {
    expect(r.sheets.Notes[1][0]).toBe('#ERROR!');
    expect(r.formulas.Notes).toEqual({ A2: '=+1 212 555 0101' });
  });

  it('into the Leads Phone column after Set up Baton: the text stays, and the lead is Ready on its phone alone', () => {
    const dana = byName(r, 'Dana');
    expect(dana['Phone']).toBe(PHONE);
    expect(r.formulas.Leads[`${letter('Phone')}2`]).toBeUndefined();
    expect(dana['Status']).toBe('Ready');
    expect(dana['Problems']).toBe('');
  });
});

describe('a Phone column without the plain-text format (rows from before setup, or formats pasted over it)', () => {
  // Seeded rows are typed before Baton formats the tab: the "+" phone is already #ERROR!, the other a number.
  const seeded = [H, ...[completeLead('Eli', { Email: '', Phone: PHONE }), completeLead('Fay', { Email: '', Phone: '+12125550102' })].map((l) => H.map((h) => l[h] ?? ''))];
  const r = simulate({ config: CONFIG, sheets: { Leads: seeded }, until: at('09:10') });

  it('#ERROR! in Phone holds the lead back with a Problem that says how to fix it', () => {
    const eli = byName(r, 'Eli');
    expect(eli['Phone']).toBe('#ERROR!');
    expect(eli['Status']).toBe('Needs info');
    expect(eli['Problems']).toBe(
      'Phone shows #ERROR!: Sheets read the "+" as the start of a formula. To fix it, format the Phone column as plain text (Format › Number › Plain text; Set up Baton does this) and type the number again.',
    );
  });

  it('a phone stored as a number still counts, with the same advice on the row', () => {
    const fay = byName(r, 'Fay');
    expect(fay['Phone']).toBe(12125550102);
    expect(fay['Status']).toBe('Ready');
    expect(String(fay['Problems'])).toMatch(/^Phone 12125550102 was stored as a number, which drops a leading \+ or 0\. To keep phones as typed, format the Phone column as plain text/);
  });

  it('with the "+" rule switched off (plusStartsFormula: false) the seeded phone stays text', () => {
    const kind = simulate({ config: CONFIG, sheets: { Leads: seeded }, until: at('09:10'), emulator: { plusStartsFormula: false } });
    expect(byName(kind, 'Eli')['Phone']).toBe(PHONE);
    expect(byName(kind, 'Eli')['Status']).toBe('Ready');
  });
});
