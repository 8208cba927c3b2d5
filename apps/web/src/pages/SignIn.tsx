import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { ErrorText, LanguagePicker } from '../components/Layout';

const DEMO_USERS = ['laege.holm', 'laege.berg', 'brobygger.anna', 'brobygger.jonas', 'koordinator.mette', 'koordinator.svend'];

/**
 * Dev mode: pick a demo user (`POST /v1/auth/dev-token`). In oidc mode the server
 * answers 404 there, and sign-in goes through the municipality's identity provider.
 */
export function SignIn() {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const [username, setUsername] = useState(DEMO_USERS[0]);
  const [error, setError] = useState<unknown>(null);
  const [oidc, setOidc] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { accessToken } = await api<{ accessToken: string }>('POST', '/v1/auth/dev-token', { username });
      signIn(accessToken);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404 && /dev/i.test(err.message)) setOidc(true);
      else setError(err instanceof ApiError && err.status === 404 ? new Error(t('signIn.notFound')) : err);
    }
  };

  return (
    <main id="main" className="narrow">
      <h1>
        {t('app.name')} · {t('signIn.title')}
      </h1>
      <LanguagePicker />
      {oidc ? (
        <p>{t('signIn.oidcMissing')}</p>
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
    </main>
  );
}
