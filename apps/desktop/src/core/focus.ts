/**
 * Which conversation the user is looking at: the one the renderer shows, but only while the
 * window has focus. A hidden or background window looks at nothing, so its messages notify.
 */
export class FocusTracker {
  private conversationId: string | null = null;
  private windowFocused = false;

  constructor(private readonly apply: (conversationId: string | null) => void) {}

  setConversation(conversationId: string | null): void {
    this.conversationId = conversationId;
    this.update();
  }

  setWindowFocused(focused: boolean): void {
    this.windowFocused = focused;
    this.update();
  }

  private update(): void {
    this.apply(this.windowFocused ? this.conversationId : null);
  }
}
