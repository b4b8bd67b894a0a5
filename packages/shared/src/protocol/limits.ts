/** Limits the server enforces; the client uses the same numbers to refuse early. */
export const LIMITS = {
  messageBodyMaxChars: 10_000,
  emojiMaxChars: 64,
  conversationNameMaxChars: 80,
  historyPageMax: 200,
  searchPageMax: 50,
  searchCursorMaxChars: 1_000,
  syncPageMax: 1_000,
  syncCursorsMax: 5_000,
  presenceSubscribeMax: 500,
  membersPerRequestMax: 500,
  usernameMaxChars: 32,
  displayNameMaxChars: 80,
  passwordMinChars: 8,
  passwordMaxChars: 256,
  deviceNameMaxChars: 100,
  /** Above this many members a conversation sends no read receipts or "seen by" (delivery is unaffected). */
  receiptsMaxMembers: 100,
  /** Above this many members nobody is told who is typing. */
  typingMaxMembers: 500,
} as const;
