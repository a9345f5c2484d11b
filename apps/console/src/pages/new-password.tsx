import type { FieldError } from '../components/field';
import { TextField } from '../components/field';
import { useI18n } from '../i18n/i18n';

/** A new password and its repetition, as one pair. */
export interface NewPassword {
  password: string;
  repeat: string;
}

/** The problem of a new password the browser can see: missing, or not repeated alike. */
export function newPasswordProblem(value: NewPassword): 'missing' | 'differs' | undefined {
  if (value.password === '') return 'missing';
  return value.password === value.repeat ? undefined : 'differs';
}

/** The two fields of a new password; the API judges it (its length rule is the hint's) and says so at the first. */
export function NewPasswordFields({ value, onChange, error, repeatError }: { value: NewPassword; onChange: (value: NewPassword) => void; error?: FieldError; repeatError?: FieldError }) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('field.newPassword')}
        hint={t('field.passwordHint')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.target.value })}
        error={error}
      />
      <TextField
        label={t('field.repeatPassword')}
        name="repeat"
        type="password"
        autoComplete="new-password"
        value={value.repeat}
        onChange={(e) => onChange({ ...value, repeat: e.target.value })}
        error={repeatError}
      />
    </>
  );
}
