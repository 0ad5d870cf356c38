/**
 * `grantproof run --target-image`: an image to start for the run, and where in the container
 * the endpoints are. The run builds the token and state URLs from the port the engine maps.
 */
export interface ContainerTargetOptions {
  /** The image, e.g. `grantproof-reference:latest`; pulled only when it is not on the machine. */
  readonly image: string;
  /** The port the target listens on inside the container. */
  readonly port: number;
  /** The token endpoint's path (SPEC §1). */
  readonly tokenPath: string;
  /** The state-change endpoint's path (SPEC §3). */
  readonly statePath: string;
  /** The container is ready once `GET waitPath` answers with any status below 500. */
  readonly waitPath: string;
  /** How long to wait for that answer before giving up. */
  readonly waitTimeoutMs: number;
  /** Environment variables for the container; their values may be secrets, so are never shown. */
  readonly env: Readonly<Record<string, string>>;
}

/** The defaults of the flags: the reference server's port and paths (SPEC §1, §3). */
export const CONTAINER_DEFAULTS = {
  port: 10100,
  tokenPath: '/api/v0/oauth2/token',
  statePath: '/provider-states',
  waitTimeoutSeconds: 60,
} as const;

/** How many of the container's last log lines a report keeps. */
export const TARGET_LOG_LINES = 200;
