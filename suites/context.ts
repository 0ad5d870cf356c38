import type { CaseResult } from '../results/model.js';
import type { RunConfig } from '../vocabulary/run-config.js';
import type { ProfileName } from '../vocabulary/profile.js';

/** The name under which `grantproof run` provides the run's configuration to the suites. */
export const CONFIG_KEY = 'grantproof';

/** The name under which `grantproof merge` provides the merged shards' results, by requirement ID, to replay, with their profile. */
export const REPLAY_KEY = 'grantproofReplay';

/** What `grantproof merge` replays: the shards' profile and their results by requirement ID. */
export interface Replay {
  readonly profile: ProfileName;
  readonly results: Readonly<Record<string, CaseResult>>;
}

declare module 'vitest' {
  interface ProvidedContext {
    grantproof: RunConfig;
    grantproofReplay?: Replay;
  }
  interface TaskMeta {
    /** The catalogue ID a test exercises; set in the test's options so skipped tests carry it too. */
    requirementId?: string;
    /** What the test found, read by the results reporter. */
    grantproof?: CaseResult;
  }
}
