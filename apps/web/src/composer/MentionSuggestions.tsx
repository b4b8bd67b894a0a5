import type { MentionCandidate } from './mention-query';

export function MentionSuggestions(props: {
  id: string;
  candidates: readonly MentionCandidate[];
  active: number;
  onChoose(candidate: MentionCandidate): void;
}) {
  return (
    // The combobox pattern: focus stays in the text box, which points at the active option.
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox of options
    <ul id={props.id} className="mention-suggestions" role="listbox" aria-label="People to mention">
      {props.candidates.map((candidate, index) => (
        <li
          key={candidate.username}
          id={`${props.id}-${index}`}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an option of the listbox
          role="option"
          tabIndex={-1}
          aria-selected={index === props.active}
          className={index === props.active ? 'active' : undefined}
          // mousedown, not click: the textarea keeps its focus
          onMouseDown={(event) => {
            event.preventDefault();
            props.onChoose(candidate);
          }}
        >
          <strong>@{candidate.username}</strong> <span className="hint">{candidate.label}</span>
        </li>
      ))}
    </ul>
  );
}
