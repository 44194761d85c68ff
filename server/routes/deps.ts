import type { Storage } from '../storage/types';
import type { PokeHub } from '../sync/pokeHub';

/** What route handlers are given: storage, the server clock (injectable for tests), the poke hub. */
export interface RouteDeps {
  storage: Storage;
  now: () => Date;
  cookieSecure: boolean;
  pokes: PokeHub;
}
