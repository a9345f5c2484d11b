import { type Attachment, CardFactory } from 'botbuilder';

/** The key of an Adaptive Card button's `data` that carries its answer (read back from `activity.value`). */
export const CARD_ANSWER_KEY = 'answer';

// Teams shows at most six actions side by side; a longer row is cut.
const MAX_PER_ROW = 6;

/**
 * Buttons as an Adaptive Card, for channels that show only a few suggested actions: every
 * button stays tappable. Scale points share rows (as even as they can be), choices take a
 * row each (their labels are long). A tap comes back as the label, as a suggested action's:
 * Teams posts it as the customer's message (`imBack`); other hosts send the button's `data`
 * as `activity.value`.
 */
export function buttonCard(labels: string[], layout: 'points' | 'options'): Attachment {
  const perRow = layout === 'options' ? 1 : Math.ceil(labels.length / Math.ceil(labels.length / MAX_PER_ROW));
  const rows: string[][] = [];
  for (let i = 0; i < labels.length; i += perRow) rows.push(labels.slice(i, i + perRow));
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.4',
    body: rows.map((row) => ({ type: 'ActionSet', actions: row.map(submit) })),
  });
}

function submit(label: string) {
  return { type: 'Action.Submit', title: label, data: { [CARD_ANSWER_KEY]: label, msteams: { type: 'imBack', value: label } } };
}
