/** What `POST /api/v1/contacts` answers: the decision on a reported contact. */
export interface ContactDecision {
  id: string;
  externalId: string;
  decision: string;
  reason: string | null;
  scheduledFor?: string;
  lastSurveyAt?: string;
  customerId: string | null;
  message: string;
}
