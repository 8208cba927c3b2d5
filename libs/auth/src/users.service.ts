import { Role } from '@bro/case-kernel';
import { Injectable } from '@nestjs/common';
import { ConflictError, isUniqueViolation, NotFoundError, Page, RuleViolationError } from '@bro/platform';
import type { EntityManager } from 'typeorm';
import { ActiveUserCache } from './active-user-cache';
import { AuthRepository } from './auth.repository';
import { CreateUserDto, UpdateUserDto } from './dto/create-user.dto';
import { PUBLIC_DOOR_PREFIX } from './municipality-facts';
import { DEFAULT_ORGANISATION_KIND, OrganisationKind } from './organisation-kinds';
import { Actor } from './roles';
import { TokenService } from './token.service';
import { User } from './user.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: AuthRepository,
    private readonly tokens: TokenService,
    private readonly kept: ActiveUserCache,
  ) {}

  /** The user behind a verified token, if still active and still what the token says. */
  async resolveActor(claims: { sub: string; role: string; municipality: string }, requestId?: string): Promise<Actor | null> {
    if (!UUID.test(claims.sub) || !UUID.test(claims.municipality)) return null;
    let user = this.kept.get(claims.sub, claims.municipality);
    if (!user) {
      const generation = this.kept.generation;
      const row = await this.users.user(claims.sub, claims.municipality);
      if (row) this.kept.keep(row, generation);
      user = row ?? undefined;
    }
    if (!user || !user.active || user.role !== claims.role) return null;
    return {
      userId: user.id,
      username: user.username,
      role: user.role,
      municipalityId: user.municipalityId,
      organisation: user.organisation,
      requestId,
    };
  }

  /** `POST /v1/auth/dev-token`: a token for any existing active user (dev mode only). */
  async devToken(username: string): Promise<{ accessToken: string }> {
    if (!this.tokens.devMode) throw new NotFoundError('Not found');
    const user = await this.users.activeUserNamed(username);
    if (!user) throw new NotFoundError('No active user with that username');
    const accessToken = await this.tokens.mintDevToken({ sub: user.id, role: user.role, municipality: user.municipalityId });
    return { accessToken };
  }

  async me(actor: Actor) {
    return toView(await this.users.userOrFail(actor.userId, actor.municipalityId));
  }

  /** `POST /v1/users`: a coordinator creates a referrer or coordinator of their municipality. */
  async register(actor: Actor, dto: CreateUserDto): Promise<ReturnType<typeof toView>> {
    return this.users.transaction((m) => this.create(m, actor.municipalityId, dto));
  }

  /** Creates a user of a municipality, in the caller's transaction (409 if the username is taken). */
  async create(
    manager: EntityManager,
    municipalityId: string,
    input: { username: string; displayName: string; role: Role; organisation?: string | null; organisationKind?: OrganisationKind },
  ): Promise<ReturnType<typeof toView>> {
    if (input.username.startsWith(PUBLIC_DOOR_PREFIX)) {
      throw new RuleViolationError(`username: names starting with "${PUBLIC_DOOR_PREFIX}" are kept for public referrals`, {
        field: 'username',
      });
    }
    const organisationKind = input.organisationKind ?? (input.role === 'referrer' ? DEFAULT_ORGANISATION_KIND : null);
    try {
      const id = await this.users.insertUser(manager, {
        municipalityId,
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        organisation: input.organisation ?? null,
        organisationKind,
      });
      return toView({ ...input, id, municipalityId, organisation: input.organisation ?? null, organisationKind });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ConflictError('A user with that username already exists');
      throw err;
    }
  }

  /** `GET /v1/users`: the municipality's users with their active flag (coordinators). */
  async list(actor: Actor): Promise<Page<UserAdminView>> {
    const users = await this.users.usersOf(actor.municipalityId);
    return { items: users.map(toAdminView), total: users.length };
  }

  /**
   * Changes a user of the caller's municipality in the caller's transaction (404 for
   * anyone else's). Deactivation takes effect on the user's next request: the guard
   * keeps a user for at most a moment and forgets them on any change (ADR 0034), and dev
   * tokens are issued to active users only.
   */
  async update(manager: EntityManager, actor: Actor, id: string, dto: UpdateUserDto): Promise<UserAdminView> {
    if (dto.active === false && id === actor.userId) {
      throw new RuleViolationError('You cannot deactivate yourself; ask another coordinator', {
        field: 'active',
        code: 'self_deactivation',
      });
    }
    const rows = await this.users.updateUser(manager, id, actor.municipalityId, {
      active: dto.active ?? null,
      displayName: dto.displayName ?? null,
      organisation: dto.organisation ?? null,
    });
    if (rows.length === 0) throw new NotFoundError('User not found');
    // At once in this process; every api also hears of it at commit (the trigger's NOTIFY).
    this.kept.forget(id);
    return toAdminView(rows[0]);
  }

  /** The name and work phone of a member of staff, as a citizen may be given them (their copy of the plan). */
  async staffCard(
    municipalityId: string,
    userId: string,
    m?: EntityManager,
  ): Promise<{ displayName: string; workPhone: string | null; active: boolean } | null> {
    const u = await this.users.user(userId, municipalityId, m);
    return u ? { displayName: u.displayName, workPhone: u.workPhone, active: u.active } : null;
  }

  /** Username and display name of users of one municipality, for views. */
  async profiles(
    municipalityId: string,
    ids: string[],
    manager?: EntityManager,
  ): Promise<Map<string, { username: string; displayName: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.users.profiles(municipalityId, ids, manager);
    return new Map(rows.map((u) => [u.id, { username: u.username, displayName: u.displayName }]));
  }
}

function toView(user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'municipalityId' | 'organisation' | 'organisationKind'>) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    municipalityId: user.municipalityId,
    organisation: user.organisation,
    organisationKind: user.organisationKind,
  };
}

export type UserAdminView = ReturnType<typeof toView> & { active: boolean };

function toAdminView(user: Parameters<typeof toView>[0] & { active: boolean }): UserAdminView {
  return { ...toView(user), active: user.active };
}
