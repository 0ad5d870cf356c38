import type { AnyErrorCode } from '../vocabulary/error-codes.js';
import type { StepName } from './step.js';

/** What the server should answer, judged locally. */
export type Verdict =
  | {
      readonly outcome: 'refused';
      readonly status: number;
      readonly error: AnyErrorCode | null;
      /** The first step that fails, in the server's order: it decides the answer. */
      readonly step: StepName;
      readonly line: string;
    }
  | {
      /** No step fails locally: the client should be authenticated; the code is the server's to judge. */
      readonly outcome: 'no fault found';
      readonly line: string;
    };
