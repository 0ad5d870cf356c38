import { HarnessError } from '../vocabulary/errors.js';

/** A token request as the user gave it, before any judgement. */
export interface DoctorRequest {
  /** How it was given: a JSON body, a form body (rfc7523), or a curl command line. */
  readonly format: 'json' | 'form' | 'curl';
  readonly method: string;
  /** The URL of a curl command line; a body alone has none. */
  readonly url: string | null;
  /** Header names lower-cased; a later header of the same name wins, as in curl. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body text as it would be sent, or null when none is. */
  readonly body: string | null;
}

/** The input is neither a JSON body nor a curl command line grantproof can read (exit 2). */
export class UnreadableRequest extends HarnessError<'unreadable-request'> {
  override readonly name = 'UnreadableRequest';

  constructor(message: string, options?: ErrorOptions) {
    super('unreadable-request', message, options);
  }
}
