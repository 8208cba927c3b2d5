import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Offer } from './offer.entity';
import { Organisation } from './organisation.entity';

/** The directory of organisations and offers (endpoints arrive with casework). */
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, Offer])],
  exports: [TypeOrmModule],
})
export class DirectoryModule {}
