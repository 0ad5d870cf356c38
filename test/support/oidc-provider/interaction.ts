import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { API_RESOURCE, TEST_ACCOUNT } from './configuration.js';

/** Where the provider sends the user agent for login and consent (`interactions.url`). */
export const INTERACTION_PATH = '/interaction/';

/**
 * The login and consent pages, answered without a page: the interaction logs the test account
 * in and grants the API resource every scope the authorization request asked for, then sends
 * the user agent back to the provider to resume (oidc-provider's `interactionFinished`). The
 * quick-start `devInteractions` are switched off: they render HTML forms meant for people.
 */
export async function finishInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { params } = await provider.interactionDetails(req, res);
  const clientId = String(params['client_id']);
  const grant = new provider.Grant({ accountId: TEST_ACCOUNT, clientId });
  grant.addResourceScope(API_RESOURCE, String(params['scope'] ?? ''));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: TEST_ACCOUNT }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}
