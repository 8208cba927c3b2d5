import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { AttachMessageDto, MedcomService, PutClinicDto, ReplyMessageDto } from '@bro/medcom';
import type { FastifyReply } from 'fastify';
import { FHIR_JSON } from '../fhir/fhir-error.filter';
import { uuidParam } from '../http/uuid-param.pipe';
import { MedcomAttached, MedcomClinic, MedcomClinicList, MedcomInbox, MedcomReplyQueued, MedcomThread } from './medcom.responses';

/** MedCom messages in from the VANS gateway (ADR 0028): the only route the gateway account may call. */
@ApiTags('medcom')
@ApiBearerAuth()
@Controller('medcom')
export class MedcomGatewayController {
  constructor(private readonly medcom: MedcomService) {}

  @Post()
  @HttpCode(200)
  @Roles('gateway')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({
    summary:
      'A MedCom message Bundle: CareCommunication 4.0 or 5.0, answered with the Acknowledgement (ok, or fatal-error with an ' +
      'OperationOutcome), which is also queued outbound; or an Acknowledgement of a message Bro sent, which closes its ledger entry',
  })
  @ApiOkResponse({
    description: 'Bundle (Acknowledgement message) or OperationOutcome',
    content: { 'application/fhir+json': { schema: { type: 'object' } } },
  })
  async receive(@CurrentActor() actor: Actor, @Body() body: unknown) {
    return (await this.medcom.receive(actor, body)).body;
  }
}

/** The case's MedCom thread, the coordinators' inbox, and the referring clinics' numbers. */
@ApiTags('medcom')
@ApiBearerAuth()
@Controller('v1')
export class MedcomController {
  constructor(private readonly medcom: MedcomService) {}

  @Get('referrals/:id/messages')
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'The case’s MedCom correspondence with the GP (CareCommunication both ways), oldest first' })
  @ApiOkResponse({ type: MedcomThread })
  thread(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.medcom.thread(actor, id);
  }

  @Post('referrals/:id/messages/:messageId/reply')
  @HttpCode(201)
  @Roles('brobygger', 'coordinator')
  @ApiOperation({
    summary:
      'Reply to the GP: a CareCommunication reply to the sender of an incoming message, sent through the MedCom ledger. ' +
      '409 (details.code recipient_not_referring_clinic or feedback_summary_consent_required) when the sender is not a ' +
      'clinic that referred the case or the citizen’s feedback consent is not `summary`; nothing is then stored or sent',
  })
  @ApiCreatedResponse({ type: MedcomReplyQueued })
  reply(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam) id: string,
    @Param('messageId', uuidParam) messageId: string,
    @Body() dto: ReplyMessageDto,
  ) {
    return this.medcom.reply(actor, id, messageId, dto.text);
  }

  @Get('referrals/:id/messages/:messageId/attachments/:n')
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'An attachment carried in a MedCom message, as a file' })
  @ApiOkResponse({
    description: 'The attachment',
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  })
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam) id: string,
    @Param('messageId', uuidParam) messageId: string,
    @Param('n', new ParseIntPipe()) n: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.medcom.attachment(actor, id, messageId, n);
    void reply.header('content-type', file.contentType);
    void reply.header('content-disposition', `attachment; filename="${encodeURIComponent(file.title)}"`);
    void reply.header('cache-control', 'no-store');
    return file.content;
  }

  @Get('medcom/inbox')
  @Roles('coordinator')
  @ApiOperation({ summary: 'MedCom messages about citizens no case was found for, to attach by hand' })
  @ApiOkResponse({ type: MedcomInbox })
  inbox(@CurrentActor() actor: Actor) {
    return this.medcom.inbox(actor);
  }

  @Post('medcom/inbox/:id/attach')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Attach an inbox message to a case of the municipality' })
  @ApiOkResponse({ type: MedcomAttached })
  attach(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AttachMessageDto) {
    return this.medcom.attach(actor, id, dto.referralId);
  }

  @Get('medcom/clinics')
  @Roles('coordinator')
  @ApiOperation({ summary: 'The referring clinics’ SOR codes and GLN numbers (by the organisation their referrers carry)' })
  @ApiOkResponse({ type: MedcomClinicList })
  clinics(@CurrentActor() actor: Actor) {
    return this.medcom.clinics(actor);
  }

  @Put('medcom/clinics')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Set a referring clinic’s SOR code and GLN number' })
  @ApiOkResponse({ type: MedcomClinic })
  putClinic(@CurrentActor() actor: Actor, @Body() dto: PutClinicDto) {
    return this.medcom.putClinic(actor, dto);
  }
}
