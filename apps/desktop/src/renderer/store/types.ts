import type { StateCreator } from 'zustand';
import type { ConversationsSlice } from './conversations.js';
import type { MessagesSlice } from './messages.js';
import type { PeopleSlice } from './people.js';
import type { SearchSlice } from './search.js';
import type { SessionSlice } from './session.js';
import type { SettingsSlice } from './settings.js';
import type { TransfersSlice } from './transfers.js';
import type { UiSlice } from './ui.js';

/** The renderer's one store, made of small slices; each slice's actions sit next to its state. */
export type AppState = SessionSlice &
  ConversationsSlice &
  MessagesSlice &
  PeopleSlice &
  TransfersSlice &
  SettingsSlice &
  SearchSlice &
  UiSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
