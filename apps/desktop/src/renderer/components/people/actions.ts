import { call, parley } from '../../api/parley.js';
import { useStore } from '../../store/index.js';

/** Opens (or creates) the direct conversation with someone and shows it. */
export async function messagePerson(userId: string): Promise<void> {
  const { conversationId } = await call(parley().conversations.openDirect({ userId }));
  const s = useStore.getState();
  await s.loadConversations();
  s.openConversation(conversationId);
}
