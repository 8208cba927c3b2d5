import { useQuery } from '@tanstack/react-query';
import { FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, AuthConfig, DevToken } from '../api';
import { useAuth } from '../auth';
import { ErrorText, LanguagePicker, Loading } from '../components/Layout';
import { CALLBACK_PATH, finishSignIn, startSignIn } from '../oidc';
import { queryKeys } from '../queries';

const DEMO_USERS = ['laege.holm', 'laege.berg', 'brobygger.anna', 'brobygger.jonas', 'koordinator.mette', 'koordinator.svend'];

/**
 * Dev mode: pick a demo user (`POST /v1/auth/dev-token`). OIDC mode
 * (`GET /v1/auth/config` says which): the Authorization Code flow with PKCE against
 * the municipality's identity provider, finished here on /auth/callback.
 */
export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [username, setUsername] = useState(DEMO_USERS[0]);
  const [error, setError] = useState<unknown>(null);
  const config = useQuery({
    queryKey: queryKeys.authConfig,
    queryFn: () => api<AuthConfig>('GET', '/v1/auth/config'),
    staleTime: Infinity,
  });
  const oidc = config.data?.mode === 'oidc' ? config.data : null;
  const returning = window.location.pathname === CALLBACK_PATH;
  const finished = useRef(false);

  useEffect(() => {
    if (!oidc || !returning || finished.current) return;
    finished.current = true; // the code can be traded once
    finishSignIn(oidc, window.location.search)
      .then((token) => {
        window.history.replaceState(null, '', '/');
        signIn(token);
      })
      .catch(setError);
  }, [oidc, returning, signIn]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { accessToken } = await api<DevToken>('POST', '/v1/auth/dev-token', { username });
      signIn(accessToken);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? new Error(t('signIn.notFound')) : err);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>
        {t('app.name')} · {t('signIn.title')}
      </h1>
      <LanguagePicker />
      {config.isPending ? (
        <Loading />
      ) : oidc ? (
        returning && !error ? (
          <Loading />
        ) : (
          <div className="buttons">
            <button type="button" onClick={() => void startSignIn(oidc).catch(setError)}>
              {t('signIn.oidc')}
            </button>
          </div>
        )
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p>{t('signIn.devIntro')}</p>
          <label htmlFor="username">{t('signIn.username')}</label>
          <input id="username" list="demo-users" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
          <datalist id="demo-users">
            {DEMO_USERS.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
          <div className="buttons">
            <button type="submit">{t('signIn.submit')}</button>
          </div>
          <ErrorText error={error} />
        </form>
      )}
      {oidc && <ErrorText error={error} />}
    </main>
  );
}
