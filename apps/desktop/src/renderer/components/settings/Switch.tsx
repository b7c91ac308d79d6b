import { useId } from 'react';
import './settings.css';

/** An on/off setting: its label, an optional hint, and a switch (Space or Enter toggles it). */
export function Switch({
  label,
  hint,
  checked,
  disabled = false,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className={disabled ? 'settings-switch-row settings-switch-row-disabled' : 'settings-switch-row'}>
      <div className="settings-switch-text">
        <span id={`${id}-label`} className="settings-switch-label">
          {label}
        </span>
        {hint && (
          <span id={`${id}-hint`} className="settings-switch-hint">
            {hint}
          </span>
        )}
      </div>
      <button
        type="button"
        role="switch"
        className="settings-switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span className="settings-switch-thumb" aria-hidden="true" />
      </button>
    </div>
  );
}
