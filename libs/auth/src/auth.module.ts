import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from '@turbota/persistence';
import { AdminKeyBootstrap } from './admin-key.bootstrap';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyService } from './api-key.service';

/** API keys: storing them hashed, resolving them on requests, and the first admin key. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [ApiKeyHasher, ApiKeyService, ApiKeyGuard, AdminKeyBootstrap],
  exports: [ApiKeyService, ApiKeyGuard],
})
export class AuthModule {}
