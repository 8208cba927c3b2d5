import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Actor, CurrentActor, DevTokenDto, UsersService } from '@bro/auth';
import { AppConfig, Public } from '@bro/platform';
import { DevAuthConfig, DevToken, Me, OidcAuthConfig } from './auth.responses';

@ApiTags('auth')
@ApiExtraModels(DevAuthConfig, OidcAuthConfig)
@Controller('v1')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('auth/config')
  @ApiOperation({ summary: 'How a client signs in: dev mode, or the OIDC issuer and client id for the Authorization Code flow with PKCE' })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(DevAuthConfig) }, { $ref: getSchemaPath(OidcAuthConfig) }] } })
  authConfig() {
    // The web app is a public client of the issuer; its client id is the audience its tokens are for.
    if (this.config.AUTH_MODE === 'oidc')
      return { mode: 'oidc', issuer: this.config.OIDC_ISSUER, clientId: this.config.OIDC_AUDIENCE, scope: 'openid' };
    return { mode: 'dev' };
  }

  @Public()
  @Post('auth/dev-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A token for any existing user (AUTH_MODE=dev only; 404 in oidc mode)' })
  @ApiOkResponse({ type: DevToken })
  devToken(@Body() dto: DevTokenDto) {
    return this.users.devToken(dto.username);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: Me })
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }
}
