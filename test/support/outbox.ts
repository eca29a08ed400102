/** The outbox as Baton stored it in the document properties (src/gas/mailer.ts), for assertions. */
import type { ScenarioRun } from '../../emulator/scenario';
import { propertiesState } from '../../emulator/services/properties';
import { decodeOutbox, type OutboxRecord } from '../../src/core/outbox';

export function storedOutbox(run: ScenarioRun): OutboxRecord {
  const props = propertiesState(run.rt).document;
  const chunks = Number(props.get('baton.outbox') ?? 0);
  let text = '';
  for (let i = 0; i < chunks; i++) text += props.get(`baton.outbox.${i}`) ?? '';
  return decodeOutbox(text);
}
