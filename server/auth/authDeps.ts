import { AuthThrottle, DEFAULT_AUTH_THROTTLE, type AuthThrottlePolicies } from './authThrottle';
import { SessionEnds } from './sessionEnds';

/** The per-process state of signing in: login and sign-up throttling, and who hears a session end. */
export interface AuthDeps {
  throttle: AuthThrottle;
  sessionEnds: SessionEnds;
}

export interface AuthOptions {
  /** The server clock (default: the system's). */
  now?: () => Date;
  /** Overrides of `DEFAULT_AUTH_THROTTLE`, policy by policy. */
  authThrottle?: Partial<AuthThrottlePolicies>;
}

export function createAuthDeps({ now, authThrottle }: AuthOptions): AuthDeps {
  const clock = () => (now ? now() : new Date()).getTime();
  return {
    throttle: new AuthThrottle({ ...DEFAULT_AUTH_THROTTLE, ...authThrottle }, clock),
    sessionEnds: new SessionEnds(),
  };
}
