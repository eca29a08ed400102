/** Intake: what a complete lead has (the handoff's mandatory fields) and which values are allowed. */
import { parseLines, showLines } from '../draft';
import { ChoiceSet, ListField, NumberField, SelectField, TextField } from '../ui';

const lines = { parse: parseLines, show: (v: unknown) => showLines(v as string[]) };

export function IntakeSection() {
  return (
    <>
      <SelectField
        label="A lead can be contacted when it has"
        path={['intake', 'contact']}
        options={[
          ['email_or_phone', 'an e-mail or a phone number'],
          ['email', 'an e-mail address'],
          ['phone', 'a phone number'],
          ['email_and_phone', 'both e-mail and phone'],
        ]}
      />
      <ChoiceSet
        legend="Mandatory fields"
        path={['intake', 'required']}
        options={[
          ['interest', 'Interest'],
          ['location', 'Location'],
          ['consent', 'Consent'],
          ['source', 'Source'],
          ['campaign', 'Campaign'],
        ]}
        hint="A lead missing one of these is marked Needs info, with the reason in Problems."
      />
      <ListField label="Interests (one per line)" path={['intake', 'interests']} {...lines} hint="The Interest column offers these; other values are a problem." />
      <ListField label="Service areas (one per line)" path={['intake', 'serviceAreas']} {...lines} hint="A Location outside these makes a lead Ineligible." />
      <ListField label="Consent given when Consent is" path={['intake', 'consent', 'granted']} {...lines} rows={2} />
      <ListField label="Consent refused when Consent is" path={['intake', 'consent', 'denied']} {...lines} rows={2} hint="Refused consent makes a lead Ineligible." />
      <TextField label="Phone numbers without a country code are from" path={['intake', 'phoneRegion']} hint="A two-letter country code, e.g. US, GB, DE." />
      <NumberField
        label="Report leads still in Needs info after (business days)"
        path={['intake', 'needsInfoDays']}
        min={1}
        max={30}
        hint="Once a day, from the weekly report's hour, such leads are listed in one e-mail, with what is missing."
      />
      <ListField label="Send that list to (one address per line)" path={['intake', 'needsInfoTo']} {...lines} rows={2} hint="Empty: the managers." />
      <NumberField
        label="Days a closed lead stays open to the same person"
        path={['intake', 'reopenDays']}
        min={0}
        max={365}
        hint="A new inquiry from someone whose lead closed within this many days is held as a Duplicate of it (its owner is told). 0: always a new lead, linked to the old one in Problems."
      />
    </>
  );
}
