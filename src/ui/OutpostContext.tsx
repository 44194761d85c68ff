import { createContext, useContext } from 'react';
import type { Outpost } from '../app/outpost';

const OutpostContext = createContext<Outpost | null>(null);

export const OutpostProvider = OutpostContext.Provider;

export function useOutpost(): Outpost {
  const outpost = useContext(OutpostContext);
  if (!outpost) throw new Error('useOutpost must be used inside <OutpostProvider>');
  return outpost;
}
