import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { CreateOfferDto, CreateOrganisationDto, DirectoryService, ListOffersQuery, UpdateOfferDto } from '@bro/directory';
import { uuidParam } from '../http/uuid-param.pipe';
import { PageOf } from '../http/page.response';
import { Offer, Organisation } from './directory.responses';

/** The directory of organisations and offers: coordinators write, everyone in the municipality reads. */
@ApiTags('directory')
@ApiBearerAuth()
@Controller('v1')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('organisations')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add an organisation (forening, volunteer centre, the municipality itself)' })
  @ApiCreatedResponse({ type: Organisation })
  createOrganisation(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto) {
    return this.directory.createOrganisation(actor, dto);
  }

  @Get('organisations')
  @ApiOperation({ summary: 'The municipality’s organisations' })
  @ApiOkResponse({ type: PageOf(Organisation) })
  listOrganisations(@CurrentActor() actor: Actor) {
    return this.directory.listOrganisations(actor);
  }

  @Post('offers')
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add an offer (tilbud)' })
  @ApiCreatedResponse({ type: Offer })
  createOffer(@CurrentActor() actor: Actor, @Body() dto: CreateOfferDto) {
    return this.directory.createOffer(actor, dto);
  }

  @Get('offers')
  @ApiOperation({ summary: 'Search offers by area, category and text; stale entries are flagged' })
  @ApiOkResponse({ type: PageOf(Offer) })
  listOffers(@CurrentActor() actor: Actor, @Query() query: ListOffersQuery) {
    return this.directory.listOffers(actor, query);
  }

  @Get('offers/:id')
  @ApiOperation({ summary: 'One offer' })
  @ApiOkResponse({ type: Offer })
  getOffer(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.directory.getOffer(actor, id);
  }

  @Patch('offers/:id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Change an offer; `verified: true` records that it was just checked' })
  @ApiOkResponse({ type: Offer })
  updateOffer(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdateOfferDto) {
    return this.directory.updateOffer(actor, id, dto);
  }
}
