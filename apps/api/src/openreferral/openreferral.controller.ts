import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { OpenReferralService } from '@bro/directory';
import { Public } from '@bro/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
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

/**
 * The public Open Referral UK (HSDS 3.0) feed of the directory: no token, CORS open
 * on these routes only (see openReferralCors), directory data only.
 */
@ApiTags('openreferral')
@Controller('openreferral')
@Public()
export class OpenReferralController {
  constructor(private readonly feed: OpenReferralService) {}

  @Get('services')
  @ApiOperation({ summary: 'Active offers as Open Referral UK services, paged (public)' })
  services(@Query() q: OrukPageQuery) {
    return this.feed.services({ page: q.page, perPage: q.per_page, municipality: q.municipality });
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
}
