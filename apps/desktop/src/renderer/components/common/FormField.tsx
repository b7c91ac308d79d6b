import type { ReactNode } from 'react';

/** What the field's control must carry so a screen reader hears its hint or error. */
export interface FieldControlProps {
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/**
 * A labelled control with one line below it: its error when there is one, else its hint, and on the
 * right what `aside` shows (a character count). The control is linked to that line; `id` names it.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  aside,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  aside?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const message = error
    ? {
        id: `${id}-error`,
        node: (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        ),
      }
    : hint
      ? {
          id: `${id}-hint`,
          node: (
            <span id={`${id}-hint`} className="settings-field-hint">
              {hint}
            </span>
          ),
        }
      : null;
  const asideId = aside === undefined ? null : `${id}-aside`;
  const describedBy = [message?.id, asideId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="settings-field">
      <label className="field">
        <span>{label}</span>
        {children({ 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      </label>
      {asideId ? (
        <div className="settings-field-foot">
          {message?.node ?? <span />}
          <span id={asideId} className="settings-field-hint">
            {aside}
          </span>
        </div>
      ) : (
        message?.node
      )}
    </div>
  );
}
