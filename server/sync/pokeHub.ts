export type PokeListener = (cursor: number) => void;

/**
 * Tells open pages that their workspace changed. In one process this is an in-memory fan-out;
 * with several server instances a PostgreSQL LISTEN/NOTIFY implementation fills the same shape.
 */
export interface PokeHub {
  subscribe(workspaceId: string, listener: PokeListener): () => void;
  publish(workspaceId: string, cursor: number): void;
}

export function createPokeHub(): PokeHub {
  const listeners = new Map<string, Set<PokeListener>>();
  return {
    subscribe(workspaceId, listener) {
      let set = listeners.get(workspaceId);
      if (!set) listeners.set(workspaceId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(workspaceId);
      };
    },
    publish(workspaceId, cursor) {
      for (const listener of listeners.get(workspaceId) ?? []) listener(cursor);
    },
  };
}
