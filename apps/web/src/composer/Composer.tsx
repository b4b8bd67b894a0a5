import { type ConversationState, LIMITS, type Member, type Message } from '@confab/shared';
import { type KeyboardEvent, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../api/api-error';
import { useApp } from '../app/app-context';
import { useToast } from '../ui/toasts';
import { ComposerContext } from './ComposerContext';
import { MentionSuggestions } from './MentionSuggestions';
import { applyMention, type MentionCandidate, matchCandidates, mentionQueryAt } from './mention-query';
import { useDraft } from './use-draft';

export type ComposerMode = { kind: 'reply' | 'edit'; message: Message } | null;

const MAX_HEIGHT_PX = 200;

/**
 * Enter sends, Shift+Enter starts a new line, Markdown is rendered when shown. Up on an empty box
 * edits one's last message; Escape leaves editing or replying. The draft is kept per conversation.
 */
export function Composer(props: {
  state: ConversationState;
  title: string;
  members: readonly Member[];
  mode: ComposerMode;
  onModeChange(mode: ComposerMode): void;
  lastOwnMessage: Message | undefined;
  onSent(): void;
}) {
  const { client, directory, me, push } = useApp();
  const toast = useToast();
  const { state, mode, onModeChange } = props;
  const conversationId = state.id;
  const [draft, setDraft] = useDraft(me.id, conversationId);
  const [editText, setEditText] = useState('');
  const editing = mode?.kind === 'edit';
  const text = editing ? editText : draft;
  const setText = editing ? setEditText : setDraft;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const listId = useId();

  useEffect(() => {
    const box = textarea.current;
    if (mode === null || box === null) return;
    if (mode.kind === 'edit') setEditText(mode.message.body);
    box.focus();
    requestAnimationFrame(() => box.setSelectionRange(box.value.length, box.value.length));
  }, [mode]);

  useLayoutEffect(() => {
    const box = textarea.current;
    if (box === null) return;
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight, MAX_HEIGHT_PX)}px`;
  });

  const candidates = useMemo<MentionCandidate[]>(() => {
    const people = props.members.flatMap((member) => {
      const user = directory.user(member.userId);
      return user && user.id !== me.id ? [{ username: user.username, label: user.displayName }] : [];
    });
    if (state.kind === 'direct') return people;
    return [
      ...people,
      { username: 'here', label: 'Everyone online here' },
      { username: 'all', label: 'Everyone in here' },
    ];
  }, [props.members, directory, me.id, state.kind]);

  const query = mentionQueryAt(text, caret);
  const suggestions =
    query === null || dismissed === query.start ? [] : matchCandidates(candidates, query.query);
  const showing = suggestions.length > 0;

  function choose(candidate: MentionCandidate) {
    if (query === null) return;
    const next = applyMention(text, query, candidate.username);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => textarea.current?.setSelectionRange(next.caret, next.caret));
  }

  function leaveMode() {
    onModeChange(null);
    setEditText('');
  }

  function submit() {
    const body = text;
    if (body.trim() === '') return;
    if (mode?.kind === 'edit') {
      if (body !== mode.message.body) {
        client.edit(mode.message.id, body).catch((error: unknown) => toast(describeError(error), 'error'));
      }
      leaveMode();
      return;
    }
    try {
      client.send(conversationId, body, mode?.kind === 'reply' ? { replyToId: mode.message.id } : {});
      // Asked here, in the gesture of a first sent message, never on load.
      void push.askAfterFirstMessage().catch(() => {});
    } catch (error) {
      toast(describeError(error), 'error');
      return;
    }
    setDraft('');
    setCaret(0);
    onModeChange(null);
    props.onSent();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (showing) {
      const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
      if (move !== 0) {
        event.preventDefault();
        setActive((index) => (index + move + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const candidate = suggestions[Math.min(active, suggestions.length - 1)];
        if (candidate) choose(candidate);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(query?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && mode !== null) {
      event.preventDefault();
      leaveMode();
    } else if (event.key === 'ArrowUp' && text === '' && mode === null && props.lastOwnMessage) {
      event.preventDefault();
      onModeChange({ kind: 'edit', message: props.lastOwnMessage });
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {mode !== null && <ComposerContext kind={mode.kind} message={mode.message} onCancel={leaveMode} />}
      {showing && (
        <MentionSuggestions
          id={listId}
          candidates={suggestions}
          active={Math.min(active, suggestions.length - 1)}
          onChoose={choose}
        />
      )}
      <div className="composer-row">
        <textarea
          ref={textarea}
          rows={1}
          value={text}
          maxLength={LIMITS.messageBodyMaxChars}
          aria-label={editing ? 'Edit message' : `Message ${props.title}`}
          placeholder={editing ? 'Edit your message' : `Message ${props.title}`}
          aria-autocomplete="list"
          aria-controls={showing ? listId : undefined}
          aria-activedescendant={
            showing ? `${listId}-${Math.min(active, suggestions.length - 1)}` : undefined
          }
          onKeyDown={onKeyDown}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            setCaret(event.target.selectionStart);
            setActive(0);
            if (editing) return;
            if (value.trim() === '') client.stopTyping(conversationId);
            else client.notifyTyping(conversationId);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onBlur={() => client.stopTyping(conversationId)}
        />
        <button type="submit" className="primary send-button" disabled={text.trim() === ''}>
          {editing ? 'Save' : 'Send'}
        </button>
      </div>
    </form>
  );
}
