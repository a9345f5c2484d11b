import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PeopleModule } from '@turbota/people';
import { ApiKeyEntity } from '@turbota/persistence';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiAuthGuard } from './api-auth.guard';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyService } from './api-key.service';

/**
 * Who calls the API: API keys (stored hashed, the first admin key) and people's sessions,
 * resolved on every request. People's module goes along, since every module that guards
 * its routes resolves sessions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), PeopleModule],
  providers: [ApiKeyHasher, ApiKeyService, ApiAuthGuard, AdminKeyBootstrap],
  exports: [ApiKeyService, ApiAuthGuard, PeopleModule],
})
export class AuthModule {}
