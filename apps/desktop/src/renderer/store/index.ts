import { create } from 'zustand';
import { createConversationsSlice } from './conversations.js';
import { createMessagesSlice } from './messages.js';
import { createPeopleSlice } from './people.js';
import { createSearchSlice } from './search.js';
import { createSessionSlice } from './session.js';
import { createSettingsSlice } from './settings.js';
import { createTransfersSlice } from './transfers.js';
import type { AppState } from './types.js';
import { createUiSlice } from './ui.js';

export type { AppState } from './types.js';

export const useStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createConversationsSlice(...a),
  ...createMessagesSlice(...a),
  ...createPeopleSlice(...a),
  ...createTransfersSlice(...a),
  ...createSettingsSlice(...a),
  ...createSearchSlice(...a),
  ...createUiSlice(...a),
}));
