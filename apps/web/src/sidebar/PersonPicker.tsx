import type { UserProfile } from '@confab/shared';
import { useId, useState } from 'react';
import { usePeople } from '../directory/use-people';
import { Avatar } from '../ui/Avatar';

/** A filterable list of people: one to pick (`onPick`) or several to check (`selected`). */
export function PersonPicker(props: {
  exclude: ReadonlySet<string>;
  selected?: ReadonlySet<string>;
  onPick(user: UserProfile): void;
}) {
  const people = usePeople();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const shown = people.filter(
    (user) =>
      !props.exclude.has(user.id) &&
      !user.deactivated &&
      (needle === '' ||
        user.displayName.toLowerCase().includes(needle) ||
        user.username.toLowerCase().includes(needle)),
  );

  return (
    <div className="person-picker">
      <label htmlFor={filterId}>Find people</label>
      <input
        id={filterId}
        type="search"
        value={filter}
        placeholder="Name or username"
        onChange={(event) => setFilter(event.target.value)}
      />
      <ul className="person-list">
        {shown.map((user) => {
          const checked = props.selected?.has(user.id);
          return (
            <li key={user.id}>
              <button
                type="button"
                className="person-row"
                aria-pressed={props.selected ? checked : undefined}
                onClick={() => props.onPick(user)}
              >
                <Avatar name={user.displayName} seed={user.id} size={28} />
                <span className="person-name">{user.displayName}</span>
                <span className="person-username">@{user.username}</span>
                {checked && <span aria-hidden="true">✓</span>}
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li className="hint">Nobody found.</li>}
      </ul>
    </div>
  );
}
