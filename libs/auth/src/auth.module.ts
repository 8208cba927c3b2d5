import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActiveUserCache } from './active-user-cache';
import { AuthGuard } from './auth.guard';
import { AuthRepository } from './auth.repository';
import { MunicipalityFacts } from './municipality-facts';
import { MunicipalitySettingsService } from './municipality-settings.service';
import { Municipality } from './municipality.entity';
import { TokenService } from './token.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([Municipality, User])],
  providers: [ActiveUserCache, AuthRepository, TokenService, UsersService, MunicipalitySettingsService, MunicipalityFacts, AuthGuard],
  exports: [TokenService, UsersService, MunicipalitySettingsService, MunicipalityFacts, AuthGuard],
})
export class AuthModule {}
