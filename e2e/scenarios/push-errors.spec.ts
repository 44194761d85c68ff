import { test, expect } from '../support/fixtures';
import { createVisitor, expectConverged, signUp } from '../support/app';
import { serverRevision } from '../support/convergence';
import { serverNames } from '../support/scenario';
import type { FaultMode } from '../support/faultProxy';

const PUSH = /^\/api\/sync\/push/;

for (const mode of ['error-500', 'rate-limit', 'drop-response'] satisfies FaultMode[]) {
  test(`push errors: two pushes answered ${mode} lose nothing and apply nothing twice`, async ({ page, faults, account, server }) => {
    await signUp(page, account);
    faults.set({ mode, path: PUSH, times: 2 });
    await createVisitor(page, { name: 'Ada Lovelace' });
    await createVisitor(page, { name: 'Grace Hopper' });

    await expectConverged(server, page);
    expect(faults.pushes().filter((p) => p.outcome === mode)).toHaveLength(2);
    expect(await serverNames(server, account)).toEqual(['Ada Lovelace', 'Grace Hopper']);
    // Two creates, two revisions: a replayed push was a duplicate, not a second write.
    expect(await serverRevision(server, page)).toBe(2);
  });
}
