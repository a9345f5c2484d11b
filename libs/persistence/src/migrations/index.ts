import { Foundation1795365778000 } from './1795365778000-Foundation';
import { SurveysAndDialogues1795368671392 } from './1795368671392-SurveysAndDialogues';
import { OutboxDelivery1795370751553 } from './1795370751553-OutboxDelivery';
import { DeliveryReceipts1795371846535 } from './1795371846535-DeliveryReceipts';
import { ConversationReferences1795372543905 } from './1795372543905-ConversationReferences';
import { Contacts1795387740969 } from './1795387740969-Contacts';
import { Incidents1795389895882 } from './1795389895882-Incidents';
import { CustomerErasure1795390095083 } from './1795390095083-CustomerErasure';
import { PointsOfService1795390293137 } from './1795390293137-PointsOfService';
import { ReportsAndImports1796130431625 } from './1796130431625-ReportsAndImports';
import { FollowUps1796130438289 } from './1796130438289-FollowUps';
import { ServiceStandard1796130471233 } from './1796130471233-ServiceStandard';
import { Campaigns1796131619599 } from './1796131619599-Campaigns';
import { DrawLog1796141477537 } from './1796141477537-DrawLog';
import { InboundQueue1796200000000 } from './1796200000000-InboundQueue';
import { CoarseRollup1796200001000 } from './1796200001000-CoarseRollup';
import { SenderLease1796200002000 } from './1796200002000-SenderLease';
import { AgentRollup1796200003000 } from './1796200003000-AgentRollup';
import { FactorAnswerIndexes1796200004000 } from './1796200004000-FactorAnswerIndexes';
import { IncidentDigest1796300002000 } from './1796300002000-IncidentDigest';
import { PiiKeysAndKeyedApiKeyHashes1796300006000 } from './1796300006000-PiiKeysAndKeyedApiKeyHashes';
import { PointSurvey1796300010000 } from './1796300010000-PointSurvey';
import { PoolLocales1796300011000 } from './1796300011000-PoolLocales';
import { People1796300020000 } from './1796300020000-People';
import { PersonActors1796300021000 } from './1796300021000-PersonActors';
import { IncidentOwners1796300031000 } from './1796300031000-IncidentOwners';

/** Applied in this order; `npm run migration:generate -- <Name>` rewrites this list. */
export const MIGRATIONS = [Foundation1795365778000, SurveysAndDialogues1795368671392, OutboxDelivery1795370751553, DeliveryReceipts1795371846535, ConversationReferences1795372543905, Contacts1795387740969, Incidents1795389895882, CustomerErasure1795390095083, PointsOfService1795390293137, ReportsAndImports1796130431625, FollowUps1796130438289, ServiceStandard1796130471233, Campaigns1796131619599, DrawLog1796141477537, InboundQueue1796200000000, CoarseRollup1796200001000, SenderLease1796200002000, AgentRollup1796200003000, FactorAnswerIndexes1796200004000, IncidentDigest1796300002000, PiiKeysAndKeyedApiKeyHashes1796300006000, PointSurvey1796300010000, PoolLocales1796300011000, People1796300020000, PersonActors1796300021000, IncidentOwners1796300031000];
