import { createContext, useContext } from 'react';
import { LOCALES, type Locale } from '../../../i18n/i18n';

/** The languages the pool being edited is given in, in its order: every text field offers these. */
export const PoolLanguages = createContext<readonly Locale[]>(LOCALES);

export const usePoolLanguages = () => useContext(PoolLanguages);

/** The languages chosen, in the order of those offered (the first is the one for every other customer). */
export const chosenIn = (offered: readonly Locale[], chosen: readonly Locale[]): Locale[] => offered.filter((locale) => chosen.includes(locale));
