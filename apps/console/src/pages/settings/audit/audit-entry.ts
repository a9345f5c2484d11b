import type { ApiPaths } from '../../../api/client';

type AuditPage = ApiPaths['/api/v1/audit']['get']['responses'][200]['content']['application/json'];

/** One configuration change as `GET /audit` lists it. */
export type AuditEntry = AuditPage['items'][number];

export type SubjectKind = AuditEntry['subject']['kind'];

/** What can be changed, in the order the filter offers it. */
export const SUBJECT_KINDS: readonly SubjectKind[] = ['question_pool', 'survey_policy', 'service_standard', 'point', 'campaign', 'api_key', 'person'];
