import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@bro/auth';
import { AccessReason, ACCESS_REASONS } from '@bro/consent';
import { BadInputError } from '@bro/platform';
import {
  AssignDto,
  AssignmentService,
  CreateReferralDto,
  IntakeService,
  ListReferralsQuery,
  ReferralViewsService,
  SearchReferralsDto,
  SetAreaDto,
} from '@bro/referral';
import { uuidParam } from '../http/uuid-param.pipe';
import { PageOf } from '../http/page.response';
import { AreaSet, Assigned, CaseState, CaseSummary, FullCase, ReferrerView, SubmittedReferral } from './referral.responses';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

@ApiTags('referrals')
@ApiBearerAuth()
@ApiExtraModels(FullCase, ReferrerView, PageOf(CaseSummary), PageOf(ReferrerView))
@Controller('v1/referrals')
export class ReferralsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly views: ReferralViewsService,
    private readonly assignments: AssignmentService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('referrer', 'coordinator')
  @ApiOperation({
    summary: 'Submit a social henvisning. Requires consent.referral = true (422 otherwise).',
    description:
      'A citizen with an open case: a referral from the clinic that holds it (same organisation; without one, the same user) ' +
      'or from a coordinator joins that case — `{ id: <the case>, status: submitted, linked: true }`. From another clinic the reply is ' +
      'the one a referral of an unknown citizen gets — its own new id, `submitted`, no `linked` — and the referral waits as ' +
      '`possible_duplicate` until a coordinator or the case’s brobygger decides (`POST /v1/referrals/:id/duplicate`; ADR 0014). ' +
      'Neither changes the citizen’s identity data or another referral’s consents: differing details are kept as ' +
      '`reportedDetails` for staff to accept or ignore.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same user + same key returns the first result' })
  @ApiCreatedResponse({ type: SubmittedReferral, description: '`linked` only for the same clinic’s own case' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto, @Headers('idempotency-key') key?: string) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new BadInputError('Idempotency-Key must be 1–128 characters of letters, digits and . _ : -');
    }
    return this.intake.submit(actor, dto, key);
  }

  @Get()
  @ApiOperation({
    summary: 'Referrals the caller may see: coordinators all of the municipality, brobyggere their own, referrers theirs',
    description:
      '`status=possible_duplicate` is the coordinators’ "mulig dublet" queue: items carry `duplicateOf { id, status }` and `referrer`. ' +
      'A referrer’s list is neither filtered by `status`, `areaId`, `assignee`, `q`, `reason` or `needsAttention` nor sorted ' +
      'by anything but `createdAt` (400): their view shows none of these. Their items name the citizen as they referred them ' +
      '(`citizen.name`, masked `citizen.cpr`) and their own `reasons`. `q` finds staff’s cases by a fragment of the name ' +
      '(case and accents ignored) or the phone; CPR numbers are searched with `POST /v1/referrals/search`.',
  })
  @ApiOkResponse({
    description: 'Staff get case summaries; referrers their referrer views',
    schema: { oneOf: [{ $ref: getSchemaPath(PageOf(CaseSummary)) }, { $ref: getSchemaPath(PageOf(ReferrerView)) }] },
  })
  list(@CurrentActor() actor: Actor, @Query() query: ListReferralsQuery) {
    return this.views.list(actor, query);
  }

  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The cases of the citizen with this CPR number that the caller may see in a list (the CPR in the body, never a URL)',
    description:
      'Exact match by the keyed hash of the CPR number; 422 for an invalid one. An unknown citizen and one with no case ' +
      'the caller may see both give an empty list. Audited as a search (purpose `cpr_search`) for each case listed.',
  })
  @ApiOkResponse({
    description: 'As the caller’s own list shows them',
    schema: { oneOf: [{ $ref: getSchemaPath(PageOf(CaseSummary)) }, { $ref: getSchemaPath(PageOf(ReferrerView)) }] },
  })
  search(@CurrentActor() actor: Actor, @Body() dto: SearchReferralsDto) {
    return this.views.searchByCpr(actor, dto.cpr);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One referral, as the caller may see it (404 if not theirs)',
    description:
      'Brobyggere of the area see a waiting (unassigned) case without any free text. For a citizen under ' +
      'name-and-address protection (`citizen.addressProtected`), `citizen.phone`, `citizen.email` and ' +
      '`citizen.address.*` are null unless the caller is a coordinator or the brobygger who holds the case.',
  })
  @ApiHeader({
    name: 'X-Access-Reason',
    required: false,
    description: `Why a coordinator reads a restricted case (403 without it): ${ACCESS_REASONS.join(', ')}`,
  })
  @ApiOkResponse({
    description: 'Staff get the full case; referrers their referrer view',
    schema: { oneOf: [{ $ref: getSchemaPath(FullCase) }, { $ref: getSchemaPath(ReferrerView) }] },
  })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Headers('x-access-reason') reason?: string) {
    if (reason !== undefined && !(ACCESS_REASONS as readonly string[]).includes(reason)) {
      throw new BadInputError(`X-Access-Reason must be one of ${ACCESS_REASONS.join(', ')}`, { header: 'x-access-reason' });
    }
    return this.views.get(actor, id, reason as AccessReason | undefined);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Assign or reassign to a brobygger (409 if that brobygger has no free capacity)' })
  @ApiOkResponse({ type: Assigned })
  assign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: AssignDto) {
    return this.assignments.assign(actor, id, dto.brobyggerId);
  }

  @Post(':id/unassign')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Take the case off its brobygger and back to the unassigned queue' })
  @ApiOkResponse({ type: CaseState })
  unassign(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string) {
    return this.assignments.unassign(actor, id);
  }

  @Post(':id/area')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Override the area derived from the postcode; a waiting case is matched again there' })
  @ApiOkResponse({ type: AreaSet })
  setArea(@CurrentActor() actor: Actor, @Param('id', uuidParam) id: string, @Body() dto: SetAreaDto) {
    return this.assignments.setArea(actor, id, dto.areaId);
  }
}
