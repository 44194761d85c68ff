import type { AuthDeps } from '../auth/authDeps';
import type { Storage } from '../storage/types';
import type { PokeHub } from '../sync/pokeHub';
import type { PushExecutor } from '../sync/pushExecutor';

/**
 * What route handlers are given: storage, the server clock (injectable for tests), the poke hub,
 * what runs pushes, and the auth state (throttling, session ends).
 */
export interface RouteDeps extends AuthDeps {
  storage: Storage;
  now: () => Date;
  cookieSecure: boolean;
  pokes: PokeHub;
  pushes: PushExecutor;
}
