/**
 * The cursor at which this device last finished a pull (a page that said no more), which is the
 * one cursor a pull may ask compact changes from (`compact=1`, docs/ARCHITECTURE.md "Pull"): only
 * then does the device hold every record at its latest revision up to it. A page's cursor within
 * a pull is no such promise. Kept in memory by each transport: after a restart the next pull
 * asks for whole records, and its last page settles the cursor again.
 */
export class SettledCursor {
  private settled: number | null = null;

  /** Whether a pull from `since` may ask for compact changes. */
  allowsCompact(since: number): boolean {
    return since > 0 && since === this.settled;
  }

  /** Records a pull answer. */
  answered(page: { cursor: number; hasMore: boolean }): void {
    this.settled = page.hasMore ? null : page.cursor;
  }
}
