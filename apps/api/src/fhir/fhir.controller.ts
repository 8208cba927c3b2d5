import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { FhirService, Versioned } from '@bro/fhir';
import { Public } from '@bro/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
  @ApiOperation({
    summary:
      'Search Tasks: _id, patient, status, code, requester, focus=ServiceRequest/<id>, _lastUpdated=gt<instant> (polling), ' +
      '_count and _offset (total and a next link). Unknown parameters are ignored unless Prefer: handling=strict.',
  })
  @ApiQuery({ name: '_id', required: false })
  @ApiQuery({ name: 'patient', required: false })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'code', required: false })
  @ApiQuery({ name: 'requester', required: false })
  @ApiQuery({ name: 'focus', required: false })
  @ApiQuery({ name: '_lastUpdated', required: false })
  @ApiQuery({ name: '_count', required: false })
  @ApiQuery({ name: '_offset', required: false })
  searchTasks(
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Headers('prefer') prefer?: string,
  ) {
    return this.fhir.searchTasks(actor, query, req.url, prefer);
  }

  @Get('Task/:id')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The closed-loop Task of a referral, cut to what the caller may see' })
  async task(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return versioned(reply, await this.fhir.versioned(this.fhir.task(actor, id)));
  }

  @Get('ServiceRequest/:id')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The ServiceRequest of a referral, cut to what the caller may see' })
  async serviceRequest(@CurrentActor() actor: Actor, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return versioned(reply, await this.fhir.versioned(this.fhir.serviceRequest(actor, id)));
  }
}

/** A read answers with its version: `ETag: W/"<versionId>"` and `Last-Modified`. */
function versioned<T>(reply: FastifyReply, read: Versioned<T>): T {
  void reply.header('etag', read.etag).header('last-modified', read.lastModified);
  return read.resource;
}
