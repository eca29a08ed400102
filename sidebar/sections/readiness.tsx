/** Readiness: the rule that decides when a complete lead is sales-ready. */
import { ConditionBuilder, type Vocabulary } from '../condition';

export function ReadinessSection({ vocabulary }: { vocabulary: Vocabulary }) {
  return (
    <>
      <p class="hint">A complete lead becomes Ready, and gets an owner, when it meets this rule. Others stay New.</p>
      <ConditionBuilder path={['readiness']} vocabulary={vocabulary} legend="Sales-ready when" none="Every complete lead is sales-ready." empty={null} />
    </>
  );
}
