import { parseConfig, type BatonConfig } from '../../src/core/config';
import { checkLead, phoneKey, emailKey } from '../../src/core/lead-checks';
import { SPEC_EXAMPLE } from '../support/spec-example';

function config(intake: Partial<BatonConfig['intake']> = {}): BatonConfig {
  const r = parseConfig({ ...SPEC_EXAMPLE, intake: { ...SPEC_EXAMPLE.intake, ...intake } }, 'America/New_York');
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.config;
}

const good = { email: 'dana@example.com', phone: '(212) 555-0101', interest: 'Solar', location: 'North', consent: 'Yes', source: 'Web', campaign: 'Spring' };

describe('checkLead', () => {
  it('passes a complete lead', () => {
    expect(checkLead(good, config())).toEqual({ verdict: 'complete', problems: [], emailKey: 'dana@example.com', phoneKey: '+12125550101' });
  });

  it.each([
    [{ email: '', phone: '' }, 'needs_info', ['There is no e-mail or phone to contact.']],
    [{ email: 'dana@', phone: '' }, 'needs_info', ['Email "dana@" is not a valid address.']],
    [{ email: 'dana@', phone: '212 555 0101' }, 'complete', ['Email "dana@" is not a valid address.']],
    [{ email: '', phone: '555-0101' }, 'needs_info', ['Phone "555-0101" is not a valid number in US.']],
    [{ interest: 'Wind' }, 'needs_info', ['Interest "Wind" is not one of: Solar, Battery, EV charger.']],
    [{ interest: '' }, 'needs_info', ['Interest is missing.']],
    [{ location: 'West' }, 'ineligible', ['Location "West" is outside the service areas (North, South).']],
    [{ location: '' }, 'needs_info', ['Location is missing.']],
    [{ consent: 'No' }, 'ineligible', ['Consent to contact was denied.']],
    [{ consent: '' }, 'needs_info', ['Consent is not recorded.']],
    [{ consent: 'maybe' }, 'needs_info', ['Consent "maybe" is not a recognized answer (Yes, No).']],
    [{ source: '', campaign: ' ' }, 'needs_info', ['Source is missing.', 'Campaign is missing.']],
  ])('%j → %s', (change, verdict, problems) => {
    const r = checkLead({ ...good, ...change }, config());
    expect(r.verdict).toBe(verdict);
    expect(r.problems).toEqual(problems);
  });

  it('requires both when contact is email_and_phone', () => {
    expect(checkLead({ ...good, phone: '' }, config({ contact: 'email_and_phone' })).problems).toEqual(['Phone is missing.']);
  });

  it('matches list values without regard to case or spaces', () => {
    expect(checkLead({ ...good, interest: ' solar ', location: 'NORTH', consent: 'yes' }, config()).verdict).toBe('complete');
  });

  it('cuts a 50,000-character value short in the message', () => {
    const r = checkLead({ ...good, interest: 'x'.repeat(50_000) }, config());
    expect(r.problems[0].length).toBeLessThan(120);
  });
});

describe('contact keys', () => {
  it('compares e-mails without case or spaces', () => {
    expect(emailKey('  Dana@Example.COM ')).toBe('dana@example.com');
    expect(emailKey('not an email')).toBeNull();
  });

  it('reads phones in the configured region, written any way, as E.164', () => {
    expect(['(212) 555-0101', '212.555.0101', '+1 212 555 0101', 2125550101].map((p) => phoneKey(p, 'US'))).toEqual(Array(4).fill('+12125550101'));
    expect(phoneKey('030 901820', 'DE')).toBe('+4930901820');
    expect(phoneKey('12345', 'US')).toBeNull();
  });
});

describe('a required field without a column', () => {
  it('says the column is missing instead of asking for a value', () => {
    const r = checkLead({ ...good, consent: undefined }, config(), new Map([['consent', 'Consent']]));
    expect(r.verdict).toBe('needs_info');
    expect(r.problems).toEqual(['The Leads tab has no "Consent" column.']);
  });
});

describe('phones Sheets did not keep as typed (issue 17)', () => {
  const base = { email: 'dana@example.com', interest: 'Solar', location: 'North', consent: 'Yes', source: 'Web', campaign: 'Spring' };
  it('#ERROR! in Phone (a "+" number typed into an unformatted cell) says how to fix it', () => {
    const c = checkLead({ ...base, phone: '#ERROR!' }, config());
    expect(c.problems).toEqual([
      'Phone shows #ERROR!: Sheets read the "+" as the start of a formula. To fix it, format the Phone column as plain text (Format › Number › Plain text; Set up Baton does this) and type the number again.',
    ]);
    expect(c.phoneKey).toBeNull();
  });
  it('a phone stored as a number keeps working, with the advice to format the column as plain text', () => {
    const c = checkLead({ ...base, phone: 2125550101 }, config());
    expect(c.verdict).toBe('complete');
    expect(c.phoneKey).toBe('+12125550101');
    expect(c.problems).toEqual([expect.stringMatching(/^Phone 2125550101 was stored as a number, which drops a leading \+ or 0\. To keep phones as typed, format the Phone column as plain text/)]);
  });
  it('a number that is no valid phone says both', () => {
    const c = checkLead({ ...base, email: '', phone: 15550100 }, config());
    expect(c.verdict).toBe('needs_info');
    expect(c.problems).toEqual([expect.stringMatching(/^Phone 15550100 is not a valid number in US; it was stored as a number, which drops a leading \+ or 0\. To fix it, format the Phone column as plain text/)]);
  });
});
