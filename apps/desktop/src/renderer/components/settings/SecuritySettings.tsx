import { useState } from 'react';
import { ChangePasswordForm } from './ChangePasswordForm.js';
import { SessionsList } from './SessionsList.js';

export function SecuritySettings() {
  // A new password signs the other devices out: the list is asked again.
  const [changes, setChanges] = useState(0);
  return (
    <>
      <ChangePasswordForm onChanged={() => setChanges((n) => n + 1)} />
      <SessionsList refresh={changes} />
    </>
  );
}
