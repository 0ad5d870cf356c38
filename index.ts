/**
 * grantproof as a library: the requirement catalogue, the JWT toolkit and the reference
 * server. The command line (`grantproof run`, `grantproof serve`) is the main entry.
 */
export { catalogue, requirementById, POSITIVE_CONTROL_ID, DEFAULT_ERROR_STATUS, ERROR_CODES } from './catalogue/index.js';
export type { Requirement, Level, Category, ErrorCode } from './catalogue/index.js';
export { mintClientSecret, decodeCompact } from './jwt/index.js';
export { startReferenceServer, createReferenceServer, type ReferenceServerOptions } from './reference-server/index.js';
export type { RunResults, RequirementResult, Evidence, ResultStatus, Verdict } from './results/model.js';
