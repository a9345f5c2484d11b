import type { IncidentView } from '@turbota/incidents';
import { incidentModal, MODAL_CALLBACK, readSubmission, type SubmittedView } from './incident-modals';

const INCIDENT = {
  id: '0b8f6a52-5d1e-4a4e-9a57-2f4c1f3f5e01',
  number: 42,
  version: 5,
  status: 'acknowledged',
  priority: 'normal',
  reasonCode: 'waiting',
  attributes: { pointOfService: 'kyiv-central' },
} as IncidentView;

function submitted(action: 'resolve' | 'reject', values: { note?: string | null; justified?: string }, metadata?: string): SubmittedView {
  const view = incidentModal(action, INCIDENT) as { callback_id: string; private_metadata: string };
  return {
    callback_id: view.callback_id,
    private_metadata: metadata ?? view.private_metadata,
    state: {
      values: {
        note: { note: { value: values.note } },
        ...(values.justified ? { justified: { justified: { selected_option: { value: values.justified } } } } : {}),
      },
    },
  };
}

describe('incident modals', () => {
  it('asks a resolve for whether the complaint was justified and a note; a reject for the note only', () => {
    const resolve = incidentModal('resolve', INCIDENT) as { blocks: { block_id?: string }[]; callback_id: string; title: { text: string } };
    expect(resolve.callback_id).toBe(MODAL_CALLBACK.resolve);
    expect(resolve.title.text).toBe('Resolve INC-42');
    expect(resolve.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['justified', 'note']);
    const reject = incidentModal('reject', INCIDENT) as { blocks: { block_id?: string }[] };
    expect(reject.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(['note']);
  });

  it('shows the incident’s reason and point literally', () => {
    const hostile = { ...INCIDENT, reasonCode: '<!here> *x*', attributes: { pointOfService: '<https://evil.example|bank.com>' } } as IncidentView;
    const json = JSON.stringify(incidentModal('reject', hostile));
    expect(json).toContain('is acknowledged: &lt;!here&gt; ∗x∗ at &lt;https://evil.example|bank.com&gt;');
    expect(json).not.toMatch(/<!here>|<https:|\*x\*/);
  });

  it('reads a complete submission into the command, with the version the supervisor saw', () => {
    expect(readSubmission(submitted('resolve', { note: ' Called back ', justified: 'no' }))).toEqual({
      ok: true,
      action: 'resolve',
      incidentId: INCIDENT.id,
      expectedVersion: 5,
      note: 'Called back',
      justified: false,
    });
    expect(readSubmission(submitted('reject', { note: 'After closing time' }))).toEqual({ ok: true, action: 'reject', incidentId: INCIDENT.id, expectedVersion: 5, note: 'After closing time' });
  });

  it('refuses a blank note or a missing answer, beside the field', () => {
    expect(readSubmission(submitted('resolve', { note: '   ' }))).toEqual({
      ok: false,
      errors: { note: 'A note is required: say what was done for the customer', justified: 'Say whether the complaint was justified' },
    });
    expect(readSubmission(submitted('reject', { note: null }))).toEqual({ ok: false, errors: { note: 'A note is required: say why the complaint is not justified' } });
  });

  it('refuses a form Turbota did not open', () => {
    expect(readSubmission(submitted('reject', { note: 'x' }, '{"id":1}'))).toMatchObject({ ok: false });
    expect(readSubmission({ ...submitted('reject', { note: 'x' }), callback_id: 'other' })).toMatchObject({ ok: false });
  });
});
