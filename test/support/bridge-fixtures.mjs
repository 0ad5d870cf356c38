// A --fixtures module for the self-tests: hands out the reference server's fixtures through
// its state endpoint (GP_STATE_URL), and has no expired codes to offer.
export async function setup(state, params) {
  if (state === 'an expired authorization code') return undefined;
  const res = await fetch(process.env.GP_STATE_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'setup', state, params }),
  });
  return res.json();
}
