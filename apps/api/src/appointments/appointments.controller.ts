import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AppointmentsService,
  BookAppointmentDto,
  CalendarService,
  CancelAppointmentDto,
  CitizenCopyService,
  CreatePlaceDto,
  ListAppointmentsQuery,
  MoveAppointmentDto,
  PlacesService,
  renderCitizenCopy,
  UpdatePlaceDto,
} from '@bro/appointment';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { NotFoundError, Public } from '@bro/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../http/uuid-param.pipe';
import { Appointment, AppointmentList, BookedAppointment, CalendarFeed, CitizenCopy, Place, PlaceList } from './appointment.responses';

/** A file's body in the OpenAPI document: bytes (PDF) or text (iCalendar), not JSON. */
function fileResponse(contentType: string, description: string, format?: 'binary') {
  return ApiOkResponse({ description, content: { [contentType]: { schema: { type: 'string', ...(format ? { format } : {}) } } } });
}

/** A file to download that no cache may keep: a case's words or a person's time. */
function file(reply: FastifyReply, type: string, name: string, body: Buffer | string) {
  void reply.header('content-type', type);
  void reply.header('content-disposition', `inline; filename="${name}"`);
  void reply.header('cache-control', 'no-store');
  return body;
}

/** The municipality's meeting places. */
@ApiTags('appointments')
@ApiBearerAuth()
@Controller('v1/places')
export class PlacesController {
  constructor(private readonly places: PlacesService) {}

  @Get()
  @Roles('brobygger', 'coordinator')
  @ApiOperation({ summary: 'The meeting places (Havehuset, the care centre, “hjemme hos borgeren”, “telefon” …)' })
  @ApiOkResponse({ type: PlaceList })
  list(@CurrentActor() actor: Actor) {
    return this.places.list(actor);
  }

  @Post()
  @HttpCode(201)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Add a meeting place (coordinators); 409 if the name is taken' })
  @ApiCreatedResponse({ type: Place })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlaceDto) {
    return this.places.create(actor, dto);
  }

  @Patch(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'Change a meeting place, or retire it (active: false)' })
  @ApiOkResponse({ type: Place })
  update(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: UpdatePlaceDto) {
    return this.places.update(actor, id, dto);
  }
}

/** Booking, moving and cancelling conversations; the week's appointments; letters. */
@ApiTags('appointments')
@ApiBearerAuth()
@Roles('brobygger', 'coordinator')
@Controller('v1')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly copies: CitizenCopyService,
  ) {}

  @Post('referrals/:id/appointments')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Book a conversation on the case’s brobygger’s time; 409 naming the clash (another appointment, a registered absence). ' +
      'On an assigned case, booking counts as reaching the citizen (contacted).',
  })
  @ApiCreatedResponse({ type: BookedAppointment })
  book(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: BookAppointmentDto) {
    return this.appointments.book(actor, id, dto);
  }

  @Get('referrals/:id/appointments')
  @ApiOperation({ summary: 'A case’s appointments, soonest first' })
  @ApiOkResponse({ type: AppointmentList })
  ofCase(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.appointments.ofCase(actor, id);
  }

  @Get('referrals/:id/citizen-copy')
  @ApiOperation({ summary: '“Min samtale og min plan” as data, for the print-friendly page (no CPR, notes or scores)' })
  @ApiOkResponse({ type: CitizenCopy })
  citizenCopy(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.copies.copy(actor, id);
  }

  @Get('referrals/:id/plan.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '“Min samtale og min plan”: the citizen’s own copy as a PDF in Danish' })
  @fileResponse('application/pdf', 'The citizen’s copy as a PDF', 'binary')
  async planPdf(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return file(reply, 'application/pdf', 'min-plan.pdf', await renderCitizenCopy(await this.copies.copy(actor, id)));
  }

  @Get('appointments')
  @ApiOperation({
    summary: 'Appointments starting in [from, to) (at most 62 days): one’s own; coordinators the municipality’s or one brobygger’s',
  })
  @ApiOkResponse({ type: AppointmentList, description: 'Each with `citizen: { name }`' })
  list(@CurrentActor() actor: Actor, @Query() query: ListAppointmentsQuery) {
    return this.appointments.list(actor, query);
  }

  @Get('appointments/:id')
  @ApiOperation({ summary: 'One appointment (the conversation form is pre-filled from it)' })
  @ApiOkResponse({ type: Appointment })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.appointments.get(actor, id);
  }

  @Patch('appointments/:id')
  @ApiOperation({ summary: 'Move a booked appointment (time, length, place); 409 naming a clash' })
  @ApiOkResponse({ type: Appointment })
  move(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: MoveAppointmentDto) {
    return this.appointments.move(actor, id, dto);
  }

  @Post('appointments/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a booked appointment, with a reason' })
  @ApiOkResponse({ type: Appointment })
  cancel(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: CancelAppointmentDto) {
    return this.appointments.cancel(actor, id, dto.reason);
  }

  @Get('appointments/:id/letter.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The reminder as a letter to print, for a citizen without SMS' })
  @fileResponse('application/pdf', 'The reminder letter as a PDF', 'binary')
  async letter(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    return file(reply, 'application/pdf', 'paamindelse.pdf', await this.appointments.letter(actor, id));
  }
}

/** The brobygger's calendar feed: a secret URL to subscribe to (Outlook, phones). */
@ApiTags('appointments')
@Controller('v1')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Post('me/calendar-token')
  @HttpCode(201)
  @ApiBearerAuth()
  @Roles('brobygger')
  @ApiOperation({ summary: 'Create or rotate one’s calendar feed: returns { url }; the previous URL stops working' })
  @ApiCreatedResponse({ type: CalendarFeed })
  async token(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    const { path } = await this.calendar.rotate(actor);
    return { url: `${req.protocol}://${req.host}${path}` };
  }

  @Get('calendar/:file')
  @Public()
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The feed (`/v1/calendar/<token>.ics`): time, place and the citizen’s initials only; 404 once rotated' })
  @fileResponse('text/calendar', 'An iCalendar (RFC 5545) feed')
  async feed(@Param('file') name: string, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!name.endsWith('.ics')) throw new NotFoundError('No such calendar');
    return file(reply, 'text/calendar; charset=utf-8', 'bro.ics', await this.calendar.feed(name.slice(0, -4)));
  }
}
