import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect, useState } from 'react';
import { api, getToken, Me, setToken } from './api';
import { queryKeys } from './queries';

interface Auth {
  token: string | null;
  me: Me | null;
  loading: boolean;
  signIn: (token: string) => void;
  signOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

/** Who is signed in: the token in this tab and `GET /v1/me`. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState(getToken());
  const client = useQueryClient();
  useEffect(() => {
    const sync = () => setTokenState(getToken());
    window.addEventListener('bro:token', sync);
    return () => window.removeEventListener('bro:token', sync);
  }, []);
  const me = useQuery({ queryKey: queryKeys.me(token), queryFn: () => api<Me>('GET', '/v1/me'), enabled: !!token, staleTime: Infinity });
  const value: Auth = {
    token,
    me: token ? (me.data ?? null) : null,
    loading: !!token && me.isPending,
    signIn: (t) => {
      client.clear();
      setToken(t);
    },
    signOut: () => {
      setToken(null);
      client.clear();
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
