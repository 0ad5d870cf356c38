/** A provider state set up on a state endpoint (SPEC §3); its answer. */
export async function setupState(stateUrl: string, state: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'setup', state, params }) });
  return (await res.json()) as Record<string, unknown>;
}

export interface ClientWithCode {
  readonly clientId: string;
  readonly secret: string;
  readonly redirectUri: string;
  readonly code: string;
  /** Headers the code must be redeemed with (a session cookie), when the server binds it. */
  readonly headers: Readonly<Record<string, string>>;
}

/** A client registered over the state endpoint, and a fresh code issued to it. */
export async function registeredClientWithCode(stateUrl: string): Promise<ClientWithCode> {
  const client = await setupState(stateUrl, 'a registered client');
  const issued = await setupState(stateUrl, 'an authorization code', { client_id: client.client_id });
  return {
    clientId: client.client_id as string,
    secret: client.client_secret as string,
    redirectUri: client.redirect_uri as string,
    code: issued.code as string,
    headers: (issued.headers as Record<string, string> | undefined) ?? {},
  };
}
