import { Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiV1Controller } from '@turbota/auth';
import { PiiReseal } from '@turbota/privacy';
import { ZodResponse } from '@turbota/server';

const rows = () => z.number().int().min(0);

/** What a re-seal run did. */
const resealResultSchema = z
  .strictObject({
    rows: rows().meta({ description: 'Rows re-sealed under the current key, their blind indexes recomputed' }),
    failed: rows().meta({ description: 'Rows sealed with a key that is not configured: left as they are' }),
    remaining: rows().meta({ description: 'Rows still under an older key when the run ended; 0 means the previous keys can be dropped' }),
  })
  .meta({ id: 'ResealResult' });

@ApiV1Controller('privacy', 'privacy')
export class PrivacyController {
  constructor(private readonly reseal: PiiReseal) {}

  @Post('reseal')
  @ApiOperation({
    summary: 'Re-seal all personal data under the current key (admin)',
    description:
      'After PII_ENCRYPTION_KEY was rotated (the old key moved to PII_ENCRYPTION_KEYS_PREVIOUS), re-encrypts every sealed value with the new key and recomputes its blind index, in short batches. Safe to run from several processes and to repeat; when `remaining` is 0 the previous keys can be removed.',
  })
  @ZodResponse(resealResultSchema)
  run() {
    return this.reseal.run();
  }
}
