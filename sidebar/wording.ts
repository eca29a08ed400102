/**
 * The sidebar's words for the server's validation messages. The core names a setting by its
 * config key ("assignTo must name at least one person"); a manager knows it by the label the
 * sidebar gives it ("Assign to"). Messages stay as the core writes them (the API and the logs
 * keep the keys); the sidebar swaps the key that opens a message for its own label.
 */

/** Config keys (and the phrases the schema uses for them) → the label the sidebar shows. */
export const KEY_LABELS: Record<string, string> = {
  assignTo: 'Assign to',
  balance: 'Share leads',
  fallback: 'When no rule can place a lead, assign to',
  managers: 'Managers',
  timeZone: 'Time zone',
  sweepMinutes: 'Check for new leads every',
  leadsSheet: 'Leads tab',
  'a column header': 'Column header',
  phoneRegion: 'Phone numbers without a country code are from',
  contact: 'A lead can be contacted when it has',
  interests: 'Interests',
  serviceAreas: 'Service areas',
  'consent granted': 'Consent given when Consent is',
  'consent denied': 'Consent refused when Consent is',
  dueSoonPercent: 'Due soon at (% of the target used)',
  afterMinutes: 'Escalate after (business minutes)',
  'escalation action': 'When a lead is breached',
  'business hours': 'Business hours',
  'a business day': 'Business days',
  start: 'From',
  end: 'Until',
  ownerBreachEmails: 'E-mail owners about their breached leads',
  failureEmails: 'E-mail managers about failed handoffs',
  dueSoonEmails: 'E-mail owners when a lead is due soon',
  'report weekday': 'Weekly report on',
  'report hour': 'Weekly report at',
  name: 'Name',
  email: 'E-mail',
  active: 'Takes new leads (active)',
  capacity: 'Capacity',
  weight: 'Weight',
  minutes: 'First contact within (minutes)',
  field: 'Field',
  op: 'Test',
  team: 'Team',
  'routing rules': 'Routing rules',
  columns: 'Column headers',
};

const KEYS = Object.keys(KEY_LABELS).sort((a, b) => b.length - a.length);

/**
 * A server message in the sidebar's words: the key that opens it (after any "where" prefix such
 * as `team member 'ben@acme.test': `) becomes the field's label, in quotes. Anything else is kept.
 */
export function sidebarMessage(message: string): string {
  const cut = message.lastIndexOf(': ');
  const head = cut < 0 ? '' : message.slice(0, cut + 2);
  const rest = cut < 0 ? message : message.slice(cut + 2);
  const key = KEYS.find((k) => rest.startsWith(k + ' '));
  return key ? `${head}“${KEY_LABELS[key]}”${rest.slice(key.length)}` : message;
}
