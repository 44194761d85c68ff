import type { Storage } from '../storage/types';

/** What route handlers are given: storage and the server clock (injectable for tests). */
export interface RouteDeps {
  storage: Storage;
  now: () => Date;
  cookieSecure: boolean;
}
