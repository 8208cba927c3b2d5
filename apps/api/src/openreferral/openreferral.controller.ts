import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { OpenReferralService } from '@bro/directory';
import { Public } from '@bro/platform';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxDate, MaxLength, Min, MinDate } from 'class-validator';
import { uuidParam } from '../http/uuid-param.pipe';

/** `?page=&per_page=` as the HSDS 3.0 API names them, and the municipality (ADR 0009). */
export class OrukPageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  per_page = 50;

  @ApiPropertyOptional({ description: 'Official municipality code (e.g. 265); without it, every municipality', example: '265' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,20}$/, { message: 'municipality must be a municipality code' })
  municipality?: string;
}

/** The HSDS 3.0 filters of `/services`. */
export class OrukServicesQuery extends OrukPageQuery {
  @ApiPropertyOptional({ description: 'Free text in the name or description of the offer, or its organisation’s name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  // eslint-disable-next-line no-control-regex
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'search must not hold control characters' })
  search?: string;

  @ApiPropertyOptional({ description: 'Only services changed at or after this instant (ISO 8601)', example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'modified_after must be an ISO 8601 date or instant' })
  @MinDate(new Date('2000-01-01T00:00:00Z'), { message: 'modified_after must be after 2000' })
  @MaxDate(new Date('2200-01-01T00:00:00Z'), { message: 'modified_after must be before 2200' })
  modified_after?: Date;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A term of GET /openreferral/taxonomy_terms (an offer category)' })
  @IsOptional()
  @IsUUID()
  taxonomy_term_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A taxonomy of GET /openreferral/taxonomies' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;
}

export class OrukTermsQuery extends OrukPageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  taxonomy_id?: string;
}

/**
 * The public Open Referral UK (HSDS 3.0) feed of the directory: no token, CORS open
 * on these routes only (see openReferralCors), directory data only.
 */
@ApiTags('openreferral')
@Controller('openreferral')
@Public()
export class OpenReferralController {
  constructor(private readonly feed: OpenReferralService) {}

  @Get()
  @ApiOperation({ summary: 'The HSDS version and profile of this feed (HSDS-UK-3.0), read first by the ORUK validator (public)' })
  info() {
    return this.feed.info();
  }

  @Get('services')
  @ApiOperation({
    summary: 'Active offers as Open Referral UK services, paged; search, modified_after, organization_id, taxonomy_term_id (public)',
  })
  services(@Query() q: OrukServicesQuery) {
    return this.feed.services({
      page: q.page,
      perPage: q.per_page,
      municipality: q.municipality,
      search: q.search?.trim() || undefined,
      modifiedAfter: q.modified_after,
      organizationId: q.organization_id,
      taxonomyTermId: q.taxonomy_term_id,
      taxonomyId: q.taxonomy_id,
    });
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'One active offer as an Open Referral UK service (public)' })
  service(@Param('id', uuidParam) id: string) {
    return this.feed.service(id);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'Organisations with an active offer as Open Referral UK organizations, paged (public)' })
  organizations(@Query() q: OrukPageQuery) {
    return this.feed.organizations({ page: q.page, perPage: q.per_page, municipality: q.municipality });
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'One organisation with an active offer, with its services (public)' })
  organization(@Param('id', uuidParam) id: string) {
    return this.feed.organization(id);
  }

  @Get('taxonomies')
  @ApiOperation({ summary: 'The taxonomy of offer categories (public)' })
  taxonomies(@Query() q: OrukPageQuery) {
    return this.feed.taxonomies({ page: q.page, perPage: q.per_page });
  }

  @Get('taxonomies/:id')
  @ApiOperation({ summary: 'The taxonomy of offer categories with its terms (public)' })
  taxonomy(@Param('id', uuidParam) id: string) {
    return this.feed.taxonomy(id);
  }

  @Get('taxonomy_terms')
  @ApiOperation({ summary: 'The offer categories as taxonomy terms, paged (public)' })
  taxonomyTerms(@Query() q: OrukTermsQuery) {
    return this.feed.taxonomyTerms({ page: q.page, perPage: q.per_page, taxonomyId: q.taxonomy_id });
  }

  @Get('taxonomy_terms/:id')
  @ApiOperation({ summary: 'One offer category as a taxonomy term (public)' })
  taxonomyTerm(@Param('id', uuidParam) id: string) {
    return this.feed.taxonomyTerm(id);
  }
}
