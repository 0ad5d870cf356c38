import type { CaseResult } from '../results/model.js';
import type { RunConfig } from '../vocabulary/run-config.js';

/** The name under which `grantproof run` provides the run's configuration to the suites. */
export const CONFIG_KEY = 'grantproof';

/** The name under which `grantproof merge` provides the merged shards' results, by requirement ID, to replay. */
export const REPLAY_KEY = 'grantproofReplay';

declare module 'vitest' {
  interface ProvidedContext {
    grantproof: RunConfig;
    grantproofReplay?: Readonly<Record<string, CaseResult>>;
  }
  interface TaskMeta {
    /** The catalogue ID a test exercises; set in the test's options so skipped tests carry it too. */
    requirementId?: string;
    /** What the test found, read by the results reporter. */
    grantproof?: CaseResult;
  }
}
