import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, DevTokenDto, UsersService } from '@bro/auth';
import { Public } from '@bro/platform';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post('auth/dev-token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A token for any existing user (AUTH_MODE=dev only; 404 in oidc mode)' })
  @ApiOkResponse({ schema: { properties: { accessToken: { type: 'string' } } } })
  devToken(@Body() dto: DevTokenDto) {
    return this.users.devToken(dto.username);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }
}
