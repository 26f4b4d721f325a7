import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { Provider } from "urql";

import { readKey, storeKey } from "./apiKey.ts";
import { createClient } from "./client.ts";

type Session = { key: string | null; setKey(key: string | null): void };

const SessionContext = createContext<Session>({ key: null, setKey: () => {} });

/**
 * The urql client and the API key it sends. A new key (or forgetting it) starts a new client, with an empty cache,
 * so nothing read with one key is shown under another; the pages then run their queries again.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [key, setKeyState] = useState(readKey);
  const [client, setClient] = useState(createClient);
  const setKey = useCallback((next: string | null) => {
    storeKey(next);
    setKeyState(next);
    setClient(createClient());
  }, []);
  const session = useMemo(() => ({ key, setKey }), [key, setKey]);
  return (
    <SessionContext.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export const useApiKey = () => useContext(SessionContext);
