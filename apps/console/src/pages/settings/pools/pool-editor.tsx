import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiError, asApiError, ok } from '../../../api/errors';
import { ErrorMessage, Loading, Notice } from '../../../components/alerts';
import { ApiErrorMessage, apiFieldError, useAction } from '../../../components/api-error';
import { SelectField, TextAreaField, TextField } from '../../../components/field';
import { PageSection } from '../../../components/page-section';
import { LOCALE_NAMES, LOCALES, type Locale, useI18n, useTitle } from '../../../i18n/i18n';
import { href, Link, navigate } from '../../../router';
import { moved, without } from '../list-edits';
import { chosenIn, PoolLanguages } from './pool-languages';
import { draftOf, freeCode, newQuestion, QUESTION_TYPES, type QuestionDraft, type QuestionPool, type QuestionType, questionOf } from './question-draft';
import { QuestionEditor } from './question-editor';

/** Where the API names a problem with the pool's languages: the list, or one of its entries. */
const LANGUAGE_FIELDS = ['locales', ...LOCALES.map((_, i) => `locales[${i}]`)];

/** Every field the form shows, so the API's problems with them show there and not above the form. */
function shownFields(questions: QuestionDraft[], languages: readonly Locale[]): string[] {
  const texts = (path: string) => languages.map((locale) => `${path}.${locale}`);
  return [
    'name',
    'description',
    ...LANGUAGE_FIELDS,
    'questions',
    ...questions.flatMap((q, i) => {
      const at = `questions[${i}]`;
      const options = q.options.flatMap((_, j) => [`${at}.options[${j}].code`, `${at}.options[${j}].factor`, ...texts(`${at}.options[${j}].label`)]);
      return [at, `${at}.type`, `${at}.code`, `${at}.factor`, `${at}.options`, `${at}.accepts`, ...['text', 'lowLabel', 'highLabel', 'consentText'].flatMap((f) => texts(`${at}.${f}`)), ...options];
    }),
  ];
}

/** Creates a pool (`id` absent) or edits one: its name, description, languages and questions; saving makes a new version. */
export function PoolEditor({ id }: { id?: string }) {
  const { t } = useI18n();
  const [pool, setPool] = useState<QuestionPool | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  // The languages the installation speaks (SUPPORTED_LOCALES), and those of them the pool is given in.
  const [offered, setOffered] = useState<readonly Locale[] | null>(null);
  const [chosen, setChosen] = useState<readonly Locale[] | null>(null);
  const [questions, setQuestions] = useState<QuestionDraft[]>(() => (id ? [] : [newQuestion('nps', 'nps')]));
  const [adding, setAdding] = useState<QuestionType>('single_choice');
  const [saved, setSaved] = useState<number | null>(null);
  useTitle(id ? t('pools.editTitle', { name: pool?.name ?? '…' }) : t('pools.newTitle'));

  // The pool on screen: a new pool saved moves to its own address, which must not read it again
  // (the answer would redraw the questions, closing whatever was opened meanwhile).
  const shown = useRef<string | null>(null);
  const show = useCallback((loaded: QuestionPool) => {
    shown.current = loaded.id;
    setPool(loaded);
    setName(loaded.name);
    setDescription(loaded.description);
    setChosen(loaded.locales);
    setQuestions(loaded.questions.map(draftOf));
  }, []);
  useEffect(() => {
    ok(api.GET('/api/v1/question-pools/languages'))
      .then((answer) => setOffered(answer.languages))
      .catch((caught: unknown) => setLoadError(asApiError(caught)));
  }, []);
  // A new pool starts in every language spoken here; a pool keeps those of its own still spoken.
  const languages = offered ? chosenIn(offered, chosen ?? offered) : [];
  useEffect(() => {
    if (!id || shown.current === id) return;
    ok(api.GET('/api/v1/question-pools/{id}', { params: { path: { id } } }))
      .then(show)
      .catch((caught: unknown) => setLoadError(asApiError(caught)));
  }, [id, show]);

  const save = useCallback(async () => {
    const body = { name: name.trim(), description, locales: languages, questions: questions.map(questionOf) };
    const answer = id ? await ok(api.PATCH('/api/v1/question-pools/{id}', { params: { path: { id } }, body })) : await ok(api.POST('/api/v1/question-pools', { body }));
    show(answer);
    setSaved(answer.version);
    if (!id) navigate(href(`/settings/pools/${answer.id}`), { replace: true });
  }, [id, name, description, languages, questions, show]);
  const { busy, error, run } = useAction(save);
  const archive = useAction(
    useCallback(async () => {
      if (!id) return;
      show(await ok(api.DELETE('/api/v1/question-pools/{id}', { params: { path: { id } } })));
    }, [id, show]),
  );

  if (loadError) return <ApiErrorMessage error={loadError} />;
  if ((id && !pool) || !offered) return <Loading label={t('app.loading')} />;
  const archived = pool?.status === 'archived';
  const replace = (index: number, draft: QuestionDraft) => setQuestions(questions.map((q, i) => (i === index ? draft : q)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    void run();
  };

  return (
    <PageSection
      id="pool-title"
      title={id ? pool!.name : t('pools.newTitle')}
      className="pools"
      aside={
        <>
          <Link to={href('/settings/pools')}>{t('pools.backToList')}</Link>
          {pool && <Link to={href(`/settings/pools/${pool.id}/history`)}>{t('pools.history', { version: pool.version })}</Link>}
        </>
      }
    >
      {archived && <Notice>{t('pools.archivedNotice')}</Notice>}
      {saved !== null && <Notice>{t('pools.saved', { version: saved })}</Notice>}
      <form className="form pools__form" onSubmit={submit} noValidate>
        <ApiErrorMessage error={error} fields={shownFields(questions, languages)} own={{ 409: t('pools.conflict') }} />
        {error?.status === 400 && error.coveredBy(shownFields(questions, languages)) && (
          <ErrorMessage>
            <p>{t('pools.fixFields')}</p>
          </ErrorMessage>
        )}
        <TextField label={t('pools.name')} name="name" value={name} onChange={(e) => setName(e.target.value)} error={apiFieldError(error, 'name')} disabled={archived} />
        <TextAreaField label={t('pools.description')} name="description" value={description} onChange={(e) => setDescription(e.target.value)} error={apiFieldError(error, 'description')} disabled={archived} />
        <fieldset className="pools__languages" aria-describedby="pool-languages-hint">
          <legend>{t('pools.languages')}</legend>
          <p id="pool-languages-hint" className="field__hint">
            {languages.length ? t('pools.languagesHint', { language: LOCALE_NAMES[languages[0]] }) : t('pools.noLanguage')}
          </p>
          {offered.map((locale) => (
            <label key={locale} className="choice__option" lang={locale}>
              <input
                type="checkbox"
                name="locales"
                value={locale}
                checked={languages.includes(locale)}
                disabled={archived}
                onChange={(e) => setChosen(e.target.checked ? [...languages, locale] : languages.filter((l) => l !== locale))}
              />{' '}
              {LOCALE_NAMES[locale]}
            </label>
          ))}
          {LANGUAGE_FIELDS.map((field) => apiFieldError(error, field)).map(
            (problem, i) =>
              problem && (
                <p key={i} className="field__error" lang="en">
                  {problem.text}
                </p>
              ),
          )}
        </fieldset>
        <h2>{t('pools.questions')}</h2>
        {apiFieldError(error, 'questions') && <p className="field__error" lang="en">{apiFieldError(error, 'questions')!.text}</p>}
        <PoolLanguages value={languages}>
          <ol className="pools__questions">
            {questions.map((draft, index) => (
              <QuestionEditor
                key={draft.key}
                draft={draft}
                error={error}
                onChange={(next) => replace(index, next)}
                placement={{ index, count: questions.length, onMove: (by) => setQuestions(moved(questions, index, by)), onRemove: () => setQuestions(without(questions, index)) }}
              />
            ))}
          </ol>
        </PoolLanguages>
        <div className="pools__add">
          <SelectField label={t('pools.newQuestionType')} value={adding} onChange={(e) => setAdding(e.target.value as QuestionType)}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`pools.type.${type}`)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button" onClick={() => setQuestions([...questions, newQuestion(adding, freeCode(adding, questions.map((q) => q.code)))])}>
            {t('pools.addQuestion')}
          </button>
        </div>
        <div className="card__foot">
          <button type="submit" className="button button--primary" disabled={busy || archived}>
            {id ? t('pools.save') : t('pools.create')}
          </button>
          {pool && !archived && (
            <button type="button" className="button button--danger" disabled={archive.busy} onClick={() => void archive.run()}>
              {t('pools.archive')}
            </button>
          )}
        </div>
        <ApiErrorMessage error={archive.error} own={{ 409: t('pools.archiveConflict') }} />
      </form>
    </PageSection>
  );
}
