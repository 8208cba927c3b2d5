import type { Role } from '@bro/case-kernel';
import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@bro/platform';
import { ROLES_KEY } from './auth.decorators';
import type { Actor } from './roles';
import { InvalidTokenError, TokenService } from './token.service';
import { UsersService } from './users.service';

interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  id?: string;
  actor?: Actor;
}

/**
 * Deny by default: every route needs a valid bearer token unless marked @Public().
 * The user is checked on every request — kept for a moment, and forgotten by every api
 * when its row changes (ADR 0034) — so a deactivated user or a changed role takes
 * effect at once. @Roles() narrows a route to some roles (403 for the rest); the
 * `gateway` system account is refused every route whose @Roles() does not name it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required');

    let actor: Actor | null;
    try {
      actor = await this.users.resolveActor(await this.tokens.verify(match[1]), req.id);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new UnauthorizedException('The token is invalid or expired');
      throw err;
    }
    if (!actor) throw new UnauthorizedException('The token does not belong to an active user');
    req.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    // A system account is no person: it reaches only the routes that name its role (ADR 0028).
    if (actor.role === 'gateway' && !roles?.includes('gateway'))
      throw new ForbiddenException('This action is not allowed for the role gateway');
    if (roles && !roles.includes(actor.role)) throw new ForbiddenException(`This action is not allowed for the role ${actor.role}`);
    return true;
  }
}
