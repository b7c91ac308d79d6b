import { type InputHTMLAttributes, useId } from 'react';

/** A labelled input with an optional hint and an error that screen readers hear with the field. */
export function TextField({
  label,
  hint,
  error,
  ...input
}: {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field auth-field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error auth-field-message">
          {error}
        </p>
      ) : (
        hint && (
          <p id={`${id}-hint`} className="auth-field-message auth-hint">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
