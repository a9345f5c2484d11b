import { recordFigures as record } from '../../support/figures';

/** Records one test's figures under `section` in test-artifacts/reliability/personal-data.json. */
export const recordFigures = (section: string, figures: Record<string, unknown>) => record('personal-data', section, figures);
