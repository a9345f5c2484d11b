import type { ReactNode } from 'react';
import type { QuestionPreview } from './question-draft';

type Channel = QuestionPreview['channels'][number]['channel'];

/** A button as a messenger draws it. */
const Key = ({ label, wide }: { label: string; wide?: number }) => (
  <span className="preview__key" style={wide ? { gridColumn: `span ${wide}` } : undefined}>
    {label}
  </span>
);

const Bubble = ({ text, children }: { text: string; children?: ReactNode }) => (
  <div className="preview__bubble">
    <p className="preview__text">{text}</p>
    {children}
  </div>
);

interface TelegramPayload {
  text: string;
  reply_markup: { inline_keyboard?: { text: string }[][]; keyboard?: { text: string }[][] };
}

/** Telegram: the message with its inline keyboard rows under it, or a reply keyboard below the chat. */
function Telegram({ payload }: { payload: TelegramPayload }) {
  const rows = (keyboard: { text: string }[][], className: string) => (
    <div className={className}>
      {keyboard.map((row, i) => (
        <div key={i} className="preview__row">
          {row.map((button, j) => (
            <Key key={j} label={button.text} />
          ))}
        </div>
      ))}
    </div>
  );
  const { inline_keyboard: inline, keyboard } = payload.reply_markup;
  return (
    <>
      <Bubble text={payload.text}>{inline && rows(inline, 'preview__inline')}</Bubble>
      {keyboard && rows(keyboard, 'preview__reply-keyboard')}
    </>
  );
}

interface ViberPayload {
  text: string;
  keyboard?: { Buttons: { Text: string; Columns: number }[] };
}

/** Viber: the message, and the keyboard under the chat as a grid six columns wide. */
function Viber({ payload }: { payload: ViberPayload }) {
  return (
    <>
      <Bubble text={payload.text} />
      {payload.keyboard && (
        <div className="preview__grid">
          {payload.keyboard.Buttons.map((button, i) => (
            <Key key={i} label={button.Text} wide={button.Columns} />
          ))}
        </div>
      )}
    </>
  );
}

interface MessengerPayload {
  text: string;
  quick_replies?: ({ content_type: 'text'; title: string } | { content_type: 'user_phone_number' | 'user_email' })[];
}

/** The offers Messenger fills in from the customer's profile, shown as what they stand for. */
const PROFILE_OFFER = { user_phone_number: '☎', user_email: '@' } as const;

/** Messenger: the message, and the quick replies as pills above the composer. */
function Messenger({ payload }: { payload: MessengerPayload }) {
  return (
    <>
      <Bubble text={payload.text} />
      {payload.quick_replies && (
        <div className="preview__row preview__row--wrap preview__quick-replies">
          {payload.quick_replies.map((reply, i) => (
            <Key key={i} label={reply.content_type === 'text' ? reply.title : PROFILE_OFFER[reply.content_type]} />
          ))}
        </div>
      )}
    </>
  );
}

interface WhatsappPayload {
  type: 'text' | 'interactive';
  text?: { body: string };
  interactive?: {
    type: 'button' | 'list';
    body: { text: string };
    action: { buttons?: { reply: { title: string } }[]; button?: string; sections?: { rows: { title: string; description?: string }[] }[] };
  };
}

/** WhatsApp: the message with its reply buttons under it, or the list's button and, opened, its rows. */
function Whatsapp({ payload }: { payload: WhatsappPayload }) {
  const interactive = payload.interactive;
  if (!interactive) return <Bubble text={payload.text?.body ?? ''} />;
  const rows = interactive.action.sections?.flatMap((s) => s.rows) ?? [];
  return (
    <>
      <Bubble text={interactive.body.text} />
      <div className="preview__row preview__row--wrap">
        {interactive.type === 'button' ? interactive.action.buttons?.map((b, i) => <Key key={i} label={b.reply.title} />) : <Key label={`☰ ${interactive.action.button ?? ''}`} />}
      </div>
      {rows.length > 0 && (
        <ul className="preview__list-rows">
          {rows.map((row, i) => (
            <li key={i}>
              {row.title}
              {row.description && <span className="muted"> — {row.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface SlackPayload {
  blocks: { type: string; text?: { text: string }; elements?: { text: { text: string } }[] }[];
}

/** Slack: the blocks in order, a section as text, actions as a row of buttons. */
function Slack({ payload }: { payload: SlackPayload }) {
  return (
    <div className="preview__slack">
      {payload.blocks.map((block, i) =>
        block.type === 'actions' ? (
          <div key={i} className="preview__row preview__row--wrap">
            {block.elements?.map((element, j) => <Key key={j} label={element.text.text} />)}
          </div>
        ) : (
          <p key={i} className="preview__text">
            {block.text?.text}
          </p>
        ),
      )}
    </div>
  );
}

interface CardBody {
  actions: { title: string }[];
}

interface ActivityPayload {
  text: string;
  suggestedActions?: { actions: { title: string }[] };
  attachments?: { content: { body: CardBody[] } }[];
}

/** Bot Framework: the message, with suggested actions as pills under it or an Adaptive Card of buttons. */
function Activity({ payload }: { payload: ActivityPayload }) {
  return (
    <Bubble text={payload.text}>
      {payload.attachments?.map((card, i) => (
        <div key={i} className="preview__card">
          {card.content.body.map((set, j) => (
            <div key={j} className="preview__row">
              {set.actions.map((action, k) => (
                <Key key={k} label={action.title} />
              ))}
            </div>
          ))}
        </div>
      ))}
      {payload.suggestedActions && (
        <div className="preview__row preview__row--wrap preview__suggested">
          {payload.suggestedActions.actions.map((action, i) => (
            <Key key={i} label={action.title} />
          ))}
        </div>
      )}
    </Bubble>
  );
}

interface WebPrompt {
  kind: string;
  text: string;
  min?: number;
  max?: number;
  lowLabel?: string;
  highLabel?: string;
  consentText?: string;
  options?: { label: string }[];
  skipLabel?: string;
  endLabel?: string;
  declineLabel?: string;
}

/** The web chat: the prompt as its page lays it out, points in a row with the end labels, options as buttons. */
function WebChat({ payload }: { payload: WebPrompt }) {
  const points = payload.kind === 'scale' ? Array.from({ length: (payload.max ?? 0) - (payload.min ?? 0) + 1 }, (_, i) => String((payload.min ?? 0) + i)) : [];
  const labels = [...points, ...(payload.options ?? []).map((o) => o.label), payload.skipLabel, payload.declineLabel, payload.endLabel].filter((l): l is string => Boolean(l));
  return (
    <Bubble text={payload.kind === 'contact' ? `${payload.text}\n\n${payload.consentText ?? ''}` : payload.text}>
      {payload.kind === 'scale' && (payload.lowLabel || payload.highLabel) && (
        <p className="preview__scale-labels muted">
          <span>{payload.lowLabel}</span>
          <span>{payload.highLabel}</span>
        </p>
      )}
      <div className="preview__row preview__row--wrap">
        {labels.map((label, i) => (
          <Key key={i} label={label} />
        ))}
      </div>
    </Bubble>
  );
}

/** One channel's message for the question, drawn as that messenger shows it. */
export function ChannelMessage({ channel, payload, locale }: { channel: Channel; payload: unknown; locale: string }) {
  const drawn = (() => {
    switch (channel) {
      case 'telegram':
        return <Telegram payload={payload as TelegramPayload} />;
      case 'viber':
        return <Viber payload={payload as ViberPayload} />;
      case 'messenger':
        return <Messenger payload={payload as MessengerPayload} />;
      case 'whatsapp':
        return <Whatsapp payload={payload as WhatsappPayload} />;
      case 'slack':
        return <Slack payload={payload as SlackPayload} />;
      case 'botframework':
      case 'msteams':
        return <Activity payload={payload as ActivityPayload} />;
      case 'web':
        return <WebChat payload={payload as WebPrompt} />;
    }
  })();
  return (
    <div className="preview__screen" lang={locale}>
      {drawn}
    </div>
  );
}
