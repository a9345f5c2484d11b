import { Module } from '@nestjs/common';
import { projectPath } from '@turbota/common';
import { ConsoleController } from './console.controller';
import { ConsoleFiles } from './console-files';

/** The browser console (`/console`), served from its build in `dist/console`. */
@Module({
  controllers: [ConsoleController],
  providers: [{ provide: ConsoleFiles, useFactory: () => new ConsoleFiles(projectPath('dist', 'console')) }],
})
export class ConsoleModule {}
