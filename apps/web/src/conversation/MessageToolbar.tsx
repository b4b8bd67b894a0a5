import type { Message } from '@confab/shared';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { QUICK_REACTIONS, useMessageActions } from './message-actions';

/** React, reply and the "more" menu, shown on hover or when the message has focus. */
export function MessageToolbar({ message, mine }: { message: Message; mine: boolean }) {
  const actions = useMessageActions();
  const [menu, setMenu] = useState<'react' | 'more' | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const deleted = message.deletedAt !== null;

  useEffect(() => {
    if (menu === null) return;
    const close = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) setMenu(null);
    };
    document.addEventListener('pointerdown', close);
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    return () => document.removeEventListener('pointerdown', close);
  }, [menu]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && menu !== null) {
      event.stopPropagation();
      setMenu(null);
    }
  }

  const run = (action: () => void) => () => {
    setMenu(null);
    action();
  };

  return (
    <div
      ref={ref}
      className={menu ? 'message-toolbar open' : 'message-toolbar'}
      role="toolbar"
      aria-label="Message tools"
      onKeyDown={onKeyDown}
    >
      {!deleted && (
        <button
          type="button"
          className="icon-button"
          aria-label="Add reaction"
          aria-haspopup="menu"
          aria-expanded={menu === 'react'}
          onClick={() => setMenu(menu === 'react' ? null : 'react')}
        >
          🙂
        </button>
      )}
      {!deleted && (
        <button
          type="button"
          className="icon-button"
          aria-label="Reply"
          onClick={() => actions.reply(message)}
        >
          ↩
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        aria-label="More actions"
        aria-haspopup="menu"
        aria-expanded={menu === 'more'}
        onClick={() => setMenu(menu === 'more' ? null : 'more')}
      >
        ⋯
      </button>
      {menu === 'react' && (
        <div className="menu reaction-menu" role="menu" aria-label="Reactions">
          {QUICK_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              role="menuitem"
              aria-label={`React with ${emoji}`}
              onClick={run(() => actions.toggleReaction(message, emoji))}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {menu === 'more' && (
        <div className="menu" role="menu" aria-label="Message actions">
          {mine && !deleted && (
            <button type="button" role="menuitem" onClick={run(() => actions.edit(message))}>
              Edit
            </button>
          )}
          {mine && !deleted && (
            <button type="button" role="menuitem" onClick={run(() => actions.remove(message))}>
              Delete
            </button>
          )}
          <button type="button" role="menuitem" onClick={run(() => actions.copyLink(message))}>
            Copy link
          </button>
          <button type="button" role="menuitem" onClick={run(() => actions.markUnread(message))}>
            Mark as unread
          </button>
        </div>
      )}
    </div>
  );
}
