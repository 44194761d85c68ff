import type { AuthDeps } from '../auth/authDeps';
import type { Storage } from '../storage/types';
import type { PokeHub } from '../sync/pokeHub';

/**
 * What route handlers are given: storage, the server clock (injectable for tests), the poke hub,
 * and the auth state (throttling, session ends).
 */
export interface RouteDeps extends AuthDeps {
  storage: Storage;
  now: () => Date;
  cookieSecure: boolean;
  pokes: PokeHub;
}
