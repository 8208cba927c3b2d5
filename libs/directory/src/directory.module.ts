import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Offer } from './offer.entity';
import { Organisation } from './organisation.entity';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';
import { OpenReferralService } from './open-referral.service';
import { PeopleService } from './people.service';
import { MatchingModule } from '@bro/matching';

/** The directory of organisations and offers (endpoints arrive with casework). */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Offer]), MatchingModule],
  providers: [DirectoryRepository, DirectoryService, OpenReferralService, PeopleService],
  exports: [DirectoryService, OpenReferralService, PeopleService],
})
export class DirectoryModule {}
