/** The reactions offered with one click, before the full picker. */
export const quickReactions = ['👍', '❤️', '😂', '🎉', '😮', '🙏'] as const;
