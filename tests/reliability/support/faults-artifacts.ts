import { recordFigures } from '../../support/figures';

/** Records the figures one fault test measured under `section` in test-artifacts/reliability/faults.json. */
export const recordFaultFigures = (section: string, figures: Record<string, unknown>) => recordFigures('faults', section, figures);
