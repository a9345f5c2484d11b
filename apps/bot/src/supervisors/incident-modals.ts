import type { ModalView } from '@slack/types';
import type { IncidentView } from '@turbota/incidents';
import { incidentRef, summaryText } from './incident-blocks';
import { type Block, clip, plain, section } from './slack-text';

/** The actions that ask for a note in a modal before they apply. */
export type ModalAction = 'resolve' | 'reject';

/** The callback ids of the modals; the webhook routes submissions with these to the supervisors. */
export const MODAL_CALLBACK: Record<ModalAction, string> = { resolve: 'incident.resolve.modal', reject: 'incident.reject.modal' };

const NOTE_BLOCK = 'note';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const JUSTIFIED_BLOCK = 'justified';

/** What a modal remembers between opening and submitting: the incident and the version the supervisor saw. */
interface ModalMetadata {
  id: string;
  version: number;
}

/** A submitted modal, read: the command to apply, or the errors to show beside its fields. */
export type ModalSubmission =
  | { ok: true; action: ModalAction; incidentId: string; expectedVersion: number; note: string; justified?: boolean }
  | { ok: false; errors: Record<string, string> };

/** The view of a `view_submission` payload, as far as the modal reads it. */
export interface SubmittedView {
  callback_id?: string;
  private_metadata?: string;
  state?: { values?: Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>> };
}

/** The modal that resolves (with whether the complaint was justified) or rejects an incident; a note is required. */
export function incidentModal(action: ModalAction, incident: IncidentView): ModalView {
  const blocks: Block[] = [section(`*${incidentRef(incident)}* · ${summaryText(incident)}`)];
  if (action === 'resolve') {
    blocks.push({
      type: 'input',
      block_id: JUSTIFIED_BLOCK,
      label: plain('Was the complaint justified?'),
      element: {
        type: 'radio_buttons',
        action_id: JUSTIFIED_BLOCK,
        options: [
          { text: plain('Yes, the customer was right'), value: 'yes' },
          { text: plain('No, it was not justified'), value: 'no' },
        ],
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: NOTE_BLOCK,
    label: plain(action === 'resolve' ? 'What was done for the customer?' : 'Why is the complaint not justified?'),
    element: { type: 'plain_text_input', action_id: NOTE_BLOCK, multiline: true, max_length: 2000 },
  });
  const metadata: ModalMetadata = { id: incident.id, version: incident.version };
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK[action],
    private_metadata: JSON.stringify(metadata),
    title: plain(clip(`${action === 'resolve' ? 'Resolve' : 'Reject'} ${incidentRef(incident)}`, 24)),
    submit: plain(action === 'resolve' ? 'Resolve' : 'Reject'),
    close: plain('Cancel'),
    blocks,
  };
}

/** Reads a submitted modal; a missing note or answer is an error on its field, as Slack shows it. */
export function readSubmission(view: SubmittedView): ModalSubmission {
  const action = (Object.keys(MODAL_CALLBACK) as ModalAction[]).find((a) => MODAL_CALLBACK[a] === view.callback_id);
  const metadata = metadataOf(view.private_metadata);
  if (!action || !metadata) return { ok: false, errors: { [NOTE_BLOCK]: 'This form is not one Turbota opened; open it again from the incident' } };
  const values = view.state?.values ?? {};
  const note = values[NOTE_BLOCK]?.[NOTE_BLOCK]?.value?.trim() ?? '';
  const answer = values[JUSTIFIED_BLOCK]?.[JUSTIFIED_BLOCK]?.selected_option?.value;
  const errors: Record<string, string> = {};
  if (!note) errors[NOTE_BLOCK] = action === 'resolve' ? 'A note is required: say what was done for the customer' : 'A note is required: say why the complaint is not justified';
  if (action === 'resolve' && answer !== 'yes' && answer !== 'no') errors[JUSTIFIED_BLOCK] = 'Say whether the complaint was justified';
  if (Object.keys(errors).length) return { ok: false, errors };
  const justified = action === 'resolve' ? { justified: answer === 'yes' } : {};
  return { ok: true, action, incidentId: metadata.id, expectedVersion: metadata.version, note, ...justified };
}

/** Where a refusal of the whole submission (a stale or illegal transition) is shown. */
export const SUBMISSION_ERROR_BLOCK = NOTE_BLOCK;

function metadataOf(raw: string | undefined): ModalMetadata | null {
  try {
    const parsed = JSON.parse(raw ?? '') as Partial<ModalMetadata>;
    return typeof parsed.id === 'string' && UUID.test(parsed.id) && Number.isSafeInteger(parsed.version) ? { id: parsed.id, version: parsed.version! } : null;
  } catch {
    return null;
  }
}
