import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { FhirService } from '@bro/fhir';
import { Public } from '@bro/platform';
import type { FastifyRequest } from 'fastify';
import { FHIR_JSON, FhirErrorFilter } from './fhir-error.filter';

/** FHIR R4 (JSON) for GP systems: referral in, closed-loop Task status out (ADR 0009). */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller('fhir')
@UseFilters(FhirErrorFilter)
@Roles('referrer', 'coordinator')
export class FhirController {
  constructor(private readonly fhir: FhirService) {}

  @Get('metadata')
  @Public()
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The CapabilityStatement: exactly what /fhir supports' })
  metadata() {
    return this.fhir.capabilities();
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', FHIR_JSON)
  @ApiOperation({
    summary:
      'A transaction Bundle of Patient, ServiceRequest and Consent into intake; answers a transaction-response with the Task location. ' +
      'A ServiceRequest.identifier seen before gets the same answer.',
  })
  @ApiOkResponse({ description: 'Bundle (transaction-response); errors are OperationOutcome' })
  transaction(@CurrentActor() actor: Actor, @Body() bundle: unknown) {
    return this.fhir.submit(actor, bundle);
  }

  @Get('Task')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'Search Tasks by focus=ServiceRequest/<id> or _lastUpdated=gt<instant> (polling)' })
  @ApiQuery({ name: 'focus', required: false })
  @ApiQuery({ name: '_lastUpdated', required: false })
  @ApiQuery({ name: '_count', required: false })
  searchTasks(@CurrentActor() actor: Actor, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest) {
    return this.fhir.searchTasks(actor, query, req.url);
  }

  @Get('Task/:id')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The closed-loop Task of a referral, cut to what the caller may see' })
  task(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.fhir.task(actor, id);
  }

  @Get('ServiceRequest/:id')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The ServiceRequest of a referral, cut to what the caller may see' })
  serviceRequest(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.fhir.serviceRequest(actor, id);
  }
}
