import { errorCodeOf, type Exchange } from '../vocabulary/exchange.js';
import { describeAnswer } from './answer.js';

/**
 * Why a fully valid request was not accepted, and what to check: most failed runs are
 * configuration errors, not bugs (SPEC §4 "positive control").
 */
export function diagnosePositiveControl(exchange: Exchange): string {
  const answer = describeAnswer(exchange);
  const response = exchange.response;
  if (!response) return `the target gave no answer to a fully valid request (${answer}): check that --target is the running token endpoint, or raise --timeout`;
  const status = response.status;
  switch (errorCodeOf(exchange)) {
    case 'invalid_client':
      return `a fully valid request got ${answer}: the target refused a JWT minted from the secret its state endpoint handed out. Check that the state endpoint registers clients in the store the token endpoint reads, and that the endpoint uses the stored secret's UTF-8 text as the HMAC key (not hex-decoded)`;
    case 'client_secret_expired':
      return `a fully valid request got ${answer}: the target takes a JWT that expires minutes from now for expired. Check the target's clock against this machine's, or pass --leeway`;
    case 'invalid_code':
      return `a fully valid request got ${answer}: the target refused the code its state endpoint issued. Check that codes are stored where the token endpoint looks them up, and that the headers the state answer carries (a session cookie, say) are the ones the endpoint expects`;
    case 'invalid_redirect_uri':
      return `a fully valid request got ${answer}: the redirect_uri the state endpoint answered with is not the one the code was issued for`;
    case 'invalid_request':
      return `a fully valid request got ${answer}: check that the target reads a JSON body with client_id, client_secret, redirect_uri, code and passphrase`;
  }
  if (status === 404 || status === 405) return `a fully valid request got ${answer}: check that --target is the full token endpoint URL (e.g. http://localhost:10100/api/v0/oauth2/token)`;
  if (status === 401 || status === 403) return `a fully valid request got ${answer} without an OAuth error code: a gateway in front of the endpoint may want a key (--header or --header-env)`;
  if (status === 429) return `a fully valid request got ${answer}: the target rate-limits this endpoint; pass --rate and --max-wait`;
  if (status >= 500) return `a fully valid request got ${answer}: the target failed with a server error; its logs say why`;
  if (status >= 200 && status <= 299) return `a fully valid request got ${answer} without a non-empty access_grant in a JSON body`;
  return `a fully valid request got ${answer}; a conforming target answers 200 with an access_grant`;
}
