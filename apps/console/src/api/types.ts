import type { ApiPaths } from './client';

/** The JSON of a response object. */
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** A page of the incident queue. */
export type IncidentPage = JsonOf<ApiPaths['/api/v1/incidents']['get']['responses'][200]>;
/** An incident as the queue lists it. */
export type Incident = IncidentPage['items'][number];
/** An incident with its history and next steps. */
export type IncidentDetail = JsonOf<ApiPaths['/api/v1/incidents/{id}']['get']['responses'][200]>;
/** What can be done to an incident (`POST /incidents/{id}/transitions`). */
export type IncidentAction = IncidentDetail['allowedActions'][number];
/** One step of an incident's history. */
export type HistoryEntry = IncidentDetail['history'][number];
/** One line of an incident's conversation, as the customer saw it. */
export type TranscriptLine = IncidentDetail['transcript'][number];
/** A person as incidents name them: an owner, or someone who may become one. */
export type PersonRef = JsonOf<ApiPaths['/api/v1/users/assignable']['get']['responses'][200]>[number];
/** The filters `GET /incidents` takes. */
export type IncidentsQuery = NonNullable<ApiPaths['/api/v1/incidents']['get']['parameters']['query']>;

/** Who is signed in. */
export type Me = JsonOf<ApiPaths['/api/v1/me']['get']['responses'][200]>;
/** A one-time code that links the Slack user who types it (`command`) to the signed-in person. */
export type SlackLinkCode = JsonOf<ApiPaths['/api/v1/me/slack-link']['post']['responses'][201]>;
/** A person, as the admin manages them. */
export type User = JsonOf<ApiPaths['/api/v1/users/{id}']['get']['responses'][200]>;
/** A person's role. */
export type Role = User['role'];
/** A new invitation: the link to hand over, until when it works, and whether it went by e-mail. */
export type Invitation = JsonOf<ApiPaths['/api/v1/users/{id}/invitation']['post']['responses'][201]>;

/** A page of problems. */
export type ProblemPage = JsonOf<ApiPaths['/api/v1/problems']['get']['responses'][200]>;
/** A problem as the list shows it. */
export type Problem = ProblemPage['items'][number];
/** A problem with its incidents and history. */
export type ProblemDetail = JsonOf<ApiPaths['/api/v1/problems/{id}']['get']['responses'][200]>;
/** What can be done to a problem (`POST /problems/{id}/transitions`). */
export type ProblemAction = ProblemDetail['allowedActions'][number];
/** One step of a problem's history. */
export type ProblemHistoryEntry = ProblemDetail['history'][number];
/** The filters `GET /problems` takes. */
export type ProblemsQuery = NonNullable<ApiPaths['/api/v1/problems']['get']['parameters']['query']>;

/** The filters every report takes: the period and the contact's attributes. */
export type ReportFilters = NonNullable<ApiPaths['/api/v1/reports/incidents']['get']['parameters']['query']>;
/** `GET /reports/summary`: the scores with their n and 95% intervals, and the response rate. */
export type ReportSummary = JsonOf<ApiPaths['/api/v1/reports/summary']['get']['responses'][200]>;
/** `GET /reports/trend`. */
export type ReportTrend = JsonOf<ApiPaths['/api/v1/reports/trend']['get']['responses'][200]>;
/** `GET /reports/score-distribution`. */
export type ReportScoreDistribution = JsonOf<ApiPaths['/api/v1/reports/score-distribution']['get']['responses'][200]>;
/** `GET /reports/factors`. */
export type ReportFactors = JsonOf<ApiPaths['/api/v1/reports/factors']['get']['responses'][200]>;
/** `GET /reports/incidents`. */
export type ReportIncidents = JsonOf<ApiPaths['/api/v1/reports/incidents']['get']['responses'][200]>;
/** `GET /reports/problems`. */
export type ReportProblems = JsonOf<ApiPaths['/api/v1/reports/problems']['get']['responses'][200]>;
export type ReportInvitations = JsonOf<ApiPaths['/api/v1/reports/invitations']['get']['responses'][200]>;
export type ChannelReach = ReportInvitations['channels'][number];
