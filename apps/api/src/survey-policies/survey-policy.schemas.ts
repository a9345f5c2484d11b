import { z } from 'zod';
import { RECORD_STATUSES, surveyPolicyFields } from '@turbota/surveys';
import { apiRecord } from '../api-records';

/** A survey policy as the API answers it. */
export const surveyPolicySchema = apiRecord('SurveyPolicy', {
  status: z.enum(RECORD_STATUSES).meta({ description: 'archived: never picked for a contact again' }),
  version: z.number().int().min(1).meta({ description: 'Send it back as If-Match to refuse overwriting a change made since' }),
  ...surveyPolicyFields,
});

export const surveyPolicyListSchema = z.array(surveyPolicySchema);

/** What `PATCH /survey-policies/{id}` is shown with: the settings to change, the others stay. */
export const SURVEY_POLICY_CHANGE_EXAMPLE = {
  samplingRate: 0.5,
  quietHours: { start: '21:00', end: '09:00', timeZone: 'Europe/Kyiv' },
  reminderAfterMinutes: 240,
};
