import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Area, AreaPostcode } from './area.entity';
import { Brobygger, BrobyggerArea } from './brobygger.entity';
import { MatchingService } from './matching.service';

@Module({
  imports: [TypeOrmModule.forFeature([Area, AreaPostcode, Brobygger, BrobyggerArea])],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}
