/** The token and state URLs of a target reached at `host:port` (the engine's mapped port). */
export interface ContainerEndpoints {
  readonly tokenUrl: string;
  readonly stateUrl: string;
}

export function endpointUrls(host: string, port: number, paths: { readonly tokenPath: string; readonly statePath: string }): ContainerEndpoints {
  // An IPv6 address is bracketed in a URL (RFC 3986 §3.2.2).
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { tokenUrl: new URL(paths.tokenPath, origin).toString(), stateUrl: new URL(paths.statePath, origin).toString() };
}
