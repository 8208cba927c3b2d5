/**
 * Sign-in against the municipality's identity provider: the OAuth 2.0
 * Authorization Code flow with PKCE (RFC 7636) for a public browser client. The
 * verifier and state live in sessionStorage only between the redirect out and the
 * callback.
 */
import type { components } from './api/schema';

/** A sign-in that failed in the browser: its message is written for the user (Danish), and shown as it is. */
export class SignInError extends Error {
  override name = 'SignInError';
}

export type OidcConfig = components['schemas']['OidcAuthConfig'];

const PENDING_KEY = 'bro.oidc.pending';
export const CALLBACK_PATH = '/auth/callback';

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** code_challenge = BASE64URL(SHA-256(code_verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`OIDC discovery failed (${res.status})`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** Sends the browser to the issuer's authorization endpoint. */
export async function startSignIn(config: OidcConfig): Promise<void> {
  const { authorization_endpoint } = await discover(config.issuer);
  const verifier = randomString();
  const state = randomString(16);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
    scope: config.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On the callback: checks the state and trades the code and verifier for an access token. */
export async function finishSignIn(config: OidcConfig, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'sign-in failed');
  const code = params.get('code');
  if (!pending || !code || params.get('state') !== pending.state)
    throw new SignInError('Login kunne ikke gennemføres (state mismatch). Prøv igen.');
  const { token_endpoint } = await discover(config.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${window.location.origin}${CALLBACK_PATH}`,
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }).toString(),
  });
  if (!res.ok) throw new SignInError(`Kommunens login afviste adgangen (${res.status}). Prøv igen.`);
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new SignInError('Kommunens login sendte ingen adgangsnøgle. Prøv igen.');
  return body.access_token;
}
