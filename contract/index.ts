/**
 * `grantproof/pact`: what a consumer team needs to record its reliance on a StorX-style
 * token endpoint (SPEC §1, §3), or an RFC 7523 one (SPEC §5), as a Pact contract, with the
 * provider states of its profile.
 */
export { tokenInteraction, COMPACT_JWS_PATTERN, TOKEN_PATH, type ReadyInteraction, type Rfc7523TokenInteractionOptions, type TokenInteractionOptions } from './consumer.js';
export {
  NOT_PACT_EXPRESSIBLE_RFC7523,
  NOT_YET_IN_RFC7523_PACT,
  RFC7523_CONTRACT_INTERACTIONS,
  RFC7523_EXAMPLE_VALUES,
  rfc7523ContractInteraction,
  type Rfc7523Change,
  type Rfc7523ContractInteraction,
  type Rfc7523ExampleValues,
  type Rfc7523InteractionId,
} from './rfc7523/interactions.js';
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
export { CANONICAL_PROVIDER, CANONICAL_PROVIDER_RFC7523 } from './canonical.js';
