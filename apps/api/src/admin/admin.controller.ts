import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  CreateUserDto,
  CurrentActor,
  MunicipalitySettingsService,
  Roles,
  UpdateMunicipalitySettingsDto,
  UpdateUserDto,
  UsersService,
} from '@bro/auth';
import { AreasService, BrobyggereService, CreateAreaDto, CreateBrobyggerDto, UpdateAreaDto, UpdateBrobyggerDto } from '@bro/matching';
import { uuidParam } from '../http/uuid-param.pipe';
import { PageOf } from '../http/page.response';
import { Area, Brobygger } from './admin.responses';
import { AdminUser, Me, MunicipalitySettings } from '../auth/auth.responses';

/** The coordinators' administration: areas, users and brobyggere of their municipality. */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('coordinator')
@Controller('v1')
export class AdminController {
  constructor(
    private readonly areas: AreasService,
    private readonly brobyggere: BrobyggereService,
    private readonly users: UsersService,
    private readonly settings: MunicipalitySettingsService,
  ) {}

  @Get('municipality')
  @ApiOperation({ summary: 'The municipality’s settings: deadlines, escalation, retention, record keeping' })
  @ApiOkResponse({ type: MunicipalitySettings })
  getSettings(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Patch('municipality')
  @ApiOperation({ summary: 'Change any of the settings (400 naming a value out of range or an unknown time zone)' })
  @ApiOkResponse({ type: MunicipalitySettings })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateMunicipalitySettingsDto) {
    return this.settings.update(actor, dto);
  }

  @Post('areas')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an area with its postcodes (409 if a postcode belongs to another area)' })
  @ApiCreatedResponse({ type: Area })
  createArea(@CurrentActor() actor: Actor, @Body() dto: CreateAreaDto) {
    return this.areas.create(actor, dto);
  }

  @Get('areas')
  @ApiOperation({ summary: 'The municipality’s areas with their postcodes' })
  @ApiOkResponse({ type: PageOf(Area) })
  listAreas(@CurrentActor() actor: Actor) {
    return this.areas.list(actor);
  }

  @Patch('areas/:id')
  @ApiOperation({ summary: 'Rename an area or replace its postcodes' })
  @ApiOkResponse({ type: Area })
  updateArea(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateAreaDto) {
    return this.areas.update(actor, id, dto);
  }

  @Post('users')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a referrer or coordinator of the municipality (409 if the username is taken)' })
  @ApiCreatedResponse({ type: Me })
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.register(actor, dto);
  }

  @Get('users')
  @ApiOperation({ summary: 'The municipality’s users (referrers, brobyggere, coordinators) with their active flag' })
  @ApiOkResponse({ type: PageOf(AdminUser) })
  listUsers(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @Patch('users/:id')
  @ApiOperation({
    summary:
      'Deactivate (active: false — no sign-in from the next request; a brobygger also gets no new cases and their open cases go back ' +
      'to the unassigned queue), reactivate or rename a user. Not yourself (422).',
  })
  @ApiOkResponse({ type: AdminUser })
  updateUser(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.brobyggere.updateUser(actor, id, dto);
  }

  @Post('brobyggere')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a brobygger (and their user) with areas, capacity and languages' })
  @ApiCreatedResponse({ type: Brobygger })
  createBrobygger(@CurrentActor() actor: Actor, @Body() dto: CreateBrobyggerDto) {
    return this.brobyggere.create(actor, dto);
  }

  @Patch('brobyggere/:id')
  @ApiOperation({
    summary:
      'Change capacity, areas, languages, absence or the active flag. active: false = no new cases and the open ones go back to the ' +
      'unassigned queue; the person can still sign in (to stop that, PATCH /v1/users/:id {active: false})',
  })
  @ApiOkResponse({ type: Brobygger })
  updateBrobygger(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateBrobyggerDto) {
    return this.brobyggere.update(actor, id, dto);
  }

  @Get('brobyggere')
  @ApiOperation({ summary: 'Brobyggere with their load (activeCases) next to capacity' })
  @ApiOkResponse({ type: PageOf(Brobygger) })
  listBrobyggere(@CurrentActor() actor: Actor) {
    return this.brobyggere.list(actor);
  }
}
