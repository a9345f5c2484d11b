import { z } from 'zod';
import { GROUP_BY, INTERVALS, ROLLED_UP_METRICS } from '@turbota/reports';

const count = () => z.number().int().min(0);
const metric = z.enum(ROLLED_UP_METRICS);

/** A value with its 95% interval in the same unit; both null when there is nothing to estimate from. */
function estimate(value: string) {
  return {
    value: z.number().meta({ description: value }).nullable(),
    ci95: z.array(z.number()).length(2).meta({ description: '95% interval [low, high]' }).nullable(),
  };
}

const npsFields = {
  promoters: count().meta({ description: 'answers 9-10' }),
  passives: count().meta({ description: 'answers 7-8' }),
  detractors: count().meta({ description: 'answers 0-6' }),
  n: count(),
  ...estimate('NPS, -100 to 100'),
};

const npsScore = z.strictObject(npsFields).meta({ id: 'NpsScore' });

const csatScore = z
  .strictObject({ satisfied: count().meta({ description: 'answers 4-5' }), n: count(), ...estimate('CSAT: the share of 4 and 5, in percent') })
  .meta({ id: 'CsatScore' });

const cesScore = z
  .strictObject({
    n: count(),
    ...estimate('CES: the mean answer, 1-7'),
    sd: z.number().meta({ description: 'sample standard deviation; null below two answers' }).nullable(),
  })
  .meta({ id: 'CesScore' });

const scores = { nps: npsScore, csat: csatScore, ces: cesScore };

const responseRate = z
  .strictObject({
    invited: count(),
    answered: count(),
    nonResponders: count().meta({ description: 'invited, and the time to answer is over' }),
    awaiting: count().meta({ description: 'invited, and may still answer' }),
    ...estimate('answered of invited, in percent'),
  })
  .meta({ id: 'ResponseRate' });

/** `GET /reports/summary`. */
export const summarySchema = z
  .strictObject({
    ...scores,
    responseRate,
    silentAdjustedNps: z
      .strictObject({ ...npsFields, silent: count().meta({ description: 'invited who answered nothing, counted as detractors' }) })
      .meta({ id: 'SilentAdjustedNps', description: 'NPS over everyone invited: the silent count as detractors, the pessimistic bound' }),
    groupBy: z.enum(GROUP_BY).optional(),
    groups: z
      .array(z.strictObject({ key: z.string().meta({ description: 'the value of groupBy (a period: its first day)' }).nullable(), ...scores }).meta({ id: 'ScoreGroup' }))
      .optional(),
  })
  .meta({ id: 'ReportSummary' });

const money = (description: string) => z.number().min(0).meta({ description }).nullable();

/** `GET /reports/invitations`. */
export const invitationsReportSchema = z
  .strictObject({
    currency: z.string().meta({ description: 'INVITATION_CURRENCY; null when no prices are configured', example: 'UAH' }).nullable(),
    channels: z.array(
      z
        .strictObject({
          channel: z.string().meta({ description: 'the channel the invitation went out on (a link invitation: sms or email, wherever it was answered)', example: 'sms' }),
          responseRate,
          nps: npsScore.meta({ description: 'the NPS of the invitees who answered the integral NPS question' }),
          messages: count().meta({ description: 'SMS or e-mail messages the provider took' }),
          segments: count().meta({ description: 'the SMS segments among them, which SMS providers bill' }),
          answeredOn: z.record(z.string(), count()).meta({ description: 'where answered survey links were opened: web, telegram, viber', example: { web: 30, telegram: 12 } }),
          price: money('INVITATION_PRICES for the channel: per SMS segment, else per message'),
          cost: money('the price times the segments (SMS), messages (e-mail) or invitations (a messenger)'),
          costPerAnswer: money('the cost over the invitees who answered'),
        })
        .meta({ id: 'ChannelReach' }),
    ),
    steps: z
      .array(
        z
          .strictObject({
            position: z.number().int().min(1).meta({ description: "the step's position in the cascade applied to each contact", example: 2 }),
            channel: z.string().meta({ example: 'sms' }),
            responseRate: responseRate.meta({ description: 'invited: contacts the step was sent to; answered: those who answered the survey this step opened' }),
            nps: npsScore.meta({ description: 'the NPS of those who answered on this step' }),
          })
          .meta({ id: 'CascadeStepReach' }),
      )
      .meta({ description: 'Per invitation cascade step (position and channel), in order of position; empty when no policy has a cascade' }),
  })
  .meta({ id: 'InvitationsReport', description: 'Channels in order of invitations, most first; then the cascade steps' });

/** `GET /reports/trend`. */
export const trendSchema = z
  .strictObject({
    metric,
    interval: z.enum(INTERVALS),
    points: z.array(
      z
        .strictObject({ period: z.string().meta({ description: 'first day of the period, YYYY-MM-DD', example: '2026-03-02' }), n: count(), ...estimate('the score over the period') })
        .meta({ id: 'TrendPoint' }),
    ),
  })
  .meta({ id: 'ReportTrend', description: 'Periods without answers are left out' });

/** `GET /reports/factors`. */
export const factorsSchema = z
  .strictObject({
    metric,
    factors: z.array(
      z
        .strictObject({
          code: z.string(),
          n: count().meta({ description: 'answers about the factor' }),
          pairs: count().meta({ description: 'of them, given beside an integral score' }),
          satisfaction: z.number().meta({ description: 'the mean answer on 0-100 (1 is 0, 5 is 100)' }),
          importance: z.number().meta({ description: 'correlation with the integral score, -1 to 1; null below three pairs or without variation' }).nullable(),
          priority: z.number().meta({ description: 'importance × (100 − satisfaction): where to act first' }).nullable(),
          rank: z.number().int().min(1),
        })
        .meta({ id: 'FactorFigure' }),
    ),
    reasons: z.array(
      z
        .strictObject({
          reason: z.string(),
          naming: count().meta({ description: 'respondents who named it' }),
          total: count().meta({ description: 'respondents who named any reason' }),
          ...estimate('naming of total, in percent'),
          factor: z.string().meta({ description: 'the factor the reason belongs to' }).nullable(),
        })
        .meta({ id: 'ReasonShare' }),
    ),
  })
  .meta({ id: 'ReportFactors' });

/** `GET /reports/score-distribution`. */
export const scoreDistributionSchema = z
  .strictObject({ metric, n: count(), scores: z.array(z.strictObject({ score: z.number().int(), count: count() })) })
  .meta({ id: 'ReportScoreDistribution', description: 'Every score of the scale, zeros included' });

const incidentFigures = {
  total: count(),
  byStatus: z.record(z.string(), count()).meta({ description: 'incidents per status' }),
  slaCompliance: z
    .strictObject({ met: count(), breached: count(), ...estimate('settled within the SLA, of those settled or breached, in percent') })
    .meta({ id: 'SlaCompliance' }),
  medianMinutesToAcknowledge: z.number().nullable(),
  medianMinutesToResolve: z.number().nullable(),
};

/** `GET /reports/incidents`. */
export const incidentsSchema = z
  .strictObject({ ...incidentFigures, byPriority: z.array(z.strictObject({ priority: z.string(), ...incidentFigures }).meta({ id: 'PriorityIncidentFigures' })) })
  .meta({ id: 'ReportIncidents' });

/** `GET /reports/problems`. */
export const problemsSchema = z
  .strictObject({
    total: count(),
    byStatus: z.record(z.string(), count()).meta({ description: 'problems per status' }),
    byDimension: z.record(z.string(), count()).meta({ description: 'problems per dimension: point_of_service, agent, service_type' }),
    medianDaysToFix: z.number().nullable(),
    reasons: z.array(z.strictObject({ reasonCode: z.string(), problems: count(), incidents: count() })).meta({ description: 'the reasons behind most incidents first' }),
  })
  .meta({ id: 'ReportProblems' });
