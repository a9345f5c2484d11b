import { Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller } from '@turbota/auth';
import { ZodBody, ZodResponse } from '@turbota/server';
import { QUESTION_PREVIEW_EXAMPLE, type QuestionPreviewInput, questionPreviewInputSchema, questionPreviewSchema } from './question-preview.schemas';
import { QuestionPreviewService } from './question-preview.service';

@ApiV1Controller('question-pools', 'question pools')
export class QuestionPreviewController {
  constructor(private readonly previews: QuestionPreviewService) {}

  @Post('preview')
  @ApiOperation({
    summary: 'How a question renders on each channel (admin)',
    description: "Every channel, on or off here, with the message its adapter sends for the question as a survey asks it; nothing is stored or sent",
  })
  @ZodResponse(questionPreviewSchema)
  @ApiBadRequestResponse({ description: 'The question is malformed, or lacks a text in the language (named at its field, e.g. question.text.ru)' })
  preview(@ZodBody(questionPreviewInputSchema, QUESTION_PREVIEW_EXAMPLE) input: QuestionPreviewInput) {
    return this.previews.preview(input);
  }
}
