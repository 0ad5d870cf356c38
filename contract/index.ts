/**
 * `grantproof/pact`: what a consumer team needs to record its reliance on a StorX-style
 * token endpoint as a Pact contract, with the provider states of SPEC §3.
 */
export { tokenInteraction, COMPACT_JWS_PATTERN, TOKEN_PATH, type ReadyInteraction, type TokenInteractionOptions } from './consumer.js';
export {
  CONTRACT_INTERACTIONS,
  EXAMPLE_VALUES,
  NOT_PACT_EXPRESSIBLE,
  UNKNOWN_CODE,
  UNREGISTERED_CLIENT_ID,
  contractInteraction,
  type ContractInteraction,
  type ContractInteractionId,
  type ExampleValues,
  type RequestChange,
} from './interactions.js';
export { CANONICAL_PROVIDER } from './canonical.js';
