import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Area, AreaPostcode } from './area.entity';
import { Brobygger, BrobyggerArea } from './brobygger.entity';
import { AreasService } from './areas.service';
import { BrobyggereService } from './brobyggere.service';
import { MatchingRepository } from './matching.repository';
import { MatchingService } from './matching.service';
import { AuthModule } from '@bro/auth';

@Module({
  imports: [TypeOrmModule.forFeature([Area, AreaPostcode, Brobygger, BrobyggerArea]), AuthModule],
  providers: [MatchingService, MatchingRepository, AreasService, BrobyggereService],
  exports: [MatchingService, AreasService, BrobyggereService],
})
export class MatchingModule {}
