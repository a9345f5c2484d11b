import { HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { ApiV1Controller } from '@turbota/auth';
import { PiiReseal } from '@turbota/privacy';

class ResealResultDto {
  @ApiProperty({ description: 'Rows re-sealed under the current key, their blind indexes recomputed' })
  rows: number;

  @ApiProperty({ description: 'Rows sealed with a key that is not configured: left as they are' })
  failed: number;

  @ApiProperty({ description: 'Rows still under an older key when the run ended; 0 means the previous keys can be dropped' })
  remaining: number;
}

@ApiV1Controller('privacy', 'privacy')
export class PrivacyController {
  constructor(private readonly reseal: PiiReseal) {}

  @Post('reseal')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-seal all personal data under the current key (admin)',
    description:
      'After PII_ENCRYPTION_KEY was rotated (the old key moved to PII_ENCRYPTION_KEYS_PREVIOUS), re-encrypts every sealed value with the new key and recomputes its blind index, in short batches. Safe to run from several processes and to repeat; when `remaining` is 0 the previous keys can be removed.',
  })
  @ApiOkResponse({ type: ResealResultDto })
  run(): Promise<ResealResultDto> {
    return this.reseal.run();
  }
}
