import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

/**
 * CORS open on the public Open Referral routes only (directories such as
 * Socialkompasset read them from the browser); every other route keeps helmet's
 * same-origin defaults. Preflights are answered here.
 */
export function openReferralCors(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  if (!/^\/openreferral(\/|\?|$)/.test(req.url)) return done();
  void reply
    .header('access-control-allow-origin', '*')
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('access-control-expose-headers', 'x-request-id');
  if (req.method === 'OPTIONS') {
    void reply
      .header('access-control-allow-methods', 'GET, OPTIONS')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .status(204)
      .send();
    return;
  }
  done();
}
