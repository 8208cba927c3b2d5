import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  CreateUserDto,
  CurrentActor,
  MunicipalitySettingsService,
  Roles,
  UpdateMunicipalitySettingsDto,
  UsersService,
} from '@bro/auth';
import { AreasService, BrobyggereService, CreateAreaDto, CreateBrobyggerDto, UpdateAreaDto, UpdateBrobyggerDto } from '@bro/matching';
import { uuidParam } from '../http/uuid-param.pipe';

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
  getSettings(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Patch('municipality')
  @ApiOperation({ summary: 'Change any of the settings (400 naming a value out of range or an unknown time zone)' })
  updateSettings(@CurrentActor() actor: Actor, @Body() dto: UpdateMunicipalitySettingsDto) {
    return this.settings.update(actor, dto);
  }

  @Post('areas')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an area with its postcodes (409 if a postcode belongs to another area)' })
  createArea(@CurrentActor() actor: Actor, @Body() dto: CreateAreaDto) {
    return this.areas.create(actor, dto);
  }

  @Get('areas')
  @ApiOperation({ summary: 'The municipality’s areas with their postcodes' })
  listAreas(@CurrentActor() actor: Actor) {
    return this.areas.list(actor);
  }

  @Patch('areas/:id')
  @ApiOperation({ summary: 'Rename an area or replace its postcodes' })
  updateArea(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateAreaDto) {
    return this.areas.update(actor, id, dto);
  }

  @Post('users')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a referrer or coordinator of the municipality (409 if the username is taken)' })
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.register(actor, dto);
  }

  @Post('brobyggere')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a brobygger (and their user) with areas, capacity and languages' })
  createBrobygger(@CurrentActor() actor: Actor, @Body() dto: CreateBrobyggerDto) {
    return this.brobyggere.create(actor, dto);
  }

  @Patch('brobyggere/:id')
  @ApiOperation({ summary: 'Change capacity, areas, languages, absence or the active flag' })
  updateBrobygger(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateBrobyggerDto) {
    return this.brobyggere.update(actor, id, dto);
  }

  @Get('brobyggere')
  @ApiOperation({ summary: 'Brobyggere with their load (activeCases) next to capacity' })
  listBrobyggere(@CurrentActor() actor: Actor) {
    return this.brobyggere.list(actor);
  }
}
