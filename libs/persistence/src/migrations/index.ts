import { Foundation1795365778000 } from './1795365778000-Foundation';
import { SurveysAndDialogues1795368671392 } from './1795368671392-SurveysAndDialogues';
import { OutboxDelivery1795370751553 } from './1795370751553-OutboxDelivery';
import { DeliveryReceipts1795371846535 } from './1795371846535-DeliveryReceipts';
import { ConversationReferences1795372543905 } from './1795372543905-ConversationReferences';

/** Applied in this order; `npm run migration:generate -- <Name>` rewrites this list. */
export const MIGRATIONS = [Foundation1795365778000, SurveysAndDialogues1795368671392, OutboxDelivery1795370751553, DeliveryReceipts1795371846535, ConversationReferences1795372543905];
