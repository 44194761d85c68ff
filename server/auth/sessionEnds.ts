/**
 * Who to tell when a session ends in this process: the event streams opened with it. Keyed by
 * the session token's hash; each listener is called once and then forgotten.
 */
export class SessionEnds {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` when the session with this token hash ends; the answer unsubscribes. */
  onEnd(tokenHash: string, listener: () => void): () => void {
    let set = this.listeners.get(tokenHash);
    if (!set) this.listeners.set(tokenHash, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(tokenHash) === set) this.listeners.delete(tokenHash);
    };
  }

  /** The session ended (signed out, or found expired): tells and forgets its listeners. */
  end(tokenHash: string): void {
    const set = this.listeners.get(tokenHash);
    if (!set) return;
    this.listeners.delete(tokenHash);
    for (const listener of set) listener();
  }

  /** Sessions with a listener (for tests: nothing is left behind). */
  get size(): number {
    return this.listeners.size;
  }
}
