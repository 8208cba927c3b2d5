import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Offer } from './offer.entity';
import { Organisation } from './organisation.entity';
import { DirectoryRepository } from './directory.repository';
import { DirectoryService } from './directory.service';
import { OpenReferralService } from './open-referral.service';

/** The directory of organisations and offers (endpoints arrive with casework). */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Offer])],
  providers: [DirectoryRepository, DirectoryService, OpenReferralService],
  exports: [DirectoryService, OpenReferralService],
})
export class DirectoryModule {}
