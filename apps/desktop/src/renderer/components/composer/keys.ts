/** What a key press in the composer does, given the "send with Ctrl+Enter" setting. */
export function composerKeyAction(
  key: {
    key: string;
    shiftKey: boolean;
    ctrlKey: boolean;
    metaKey: boolean;
    altKey: boolean;
    isComposing: boolean;
  },
  sendWithCtrlEnter: boolean,
): 'send' | 'newline' | null {
  // Enter that confirms an IME candidate (Chinese input) belongs to the IME.
  if (key.key !== 'Enter' || key.isComposing || key.altKey) return null;
  const modified = key.ctrlKey || key.metaKey;
  if (sendWithCtrlEnter) return modified ? 'send' : null;
  if (key.shiftKey) return null;
  if (modified) return 'newline';
  return 'send';
}
