import { useState } from 'react';

/**
 * A dialog's action: `busy` while it runs; once it succeeds `onDone` (the dialog closes), and if it
 * fails the dialog stays open with the refusal in words as `error`.
 */
export function useDialogAction(describe: (err: unknown) => string, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };
  return { busy, error, run };
}
