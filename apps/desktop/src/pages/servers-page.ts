import type { ConfabDesktopBridge, ServerEntry, ServerList } from '@confab/shared/desktop';

// The app's own page (static/servers.html): the servers the app remembers, and a form to add one.
// It talks to the main process through the same bridge as the web app; only this page may
// manage servers.

const bridge = (window as unknown as { confabDesktop?: ConfabDesktopBridge }).confabDesktop;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`#${id} is missing`);
  return found as T;
}

const form = element<HTMLFormElement>('add-server');
const input = element<HTMLInputElement>('server-url');
const error = element<HTMLParagraphElement>('add-error');
const list = element<HTMLUListElement>('servers');
const listSection = element<HTMLElement>('known-servers');
const version = element<HTMLParagraphElement>('version');

function button(label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.textContent = label;
  made.className = className;
  made.addEventListener('click', onClick);
  return made;
}

function render(servers: ServerList): void {
  listSection.hidden = servers.servers.length === 0;
  list.replaceChildren(
    ...servers.servers.map((server: ServerEntry) => {
      const item = document.createElement('li');
      const name = document.createElement('strong');
      name.textContent = server.name;
      const origin = document.createElement('span');
      origin.className = 'origin';
      origin.textContent = server.origin;
      const label = document.createElement('div');
      label.append(name, origin);
      item.append(
        label,
        button('Open', () => void bridge?.switchServer(server.id), 'primary'),
        button('Remove', () => {
          if (window.confirm(`Remove ${server.name}? You will be signed out of it on this computer.`)) {
            void bridge?.removeServer(server.id).then(render);
          }
        }),
      );
      return item;
    }),
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (bridge === undefined) return;
  error.textContent = '';
  bridge.addServer({ url: input.value }).then(
    (result) => {
      if (!result.ok) {
        error.textContent = result.error;
        return;
      }
      render(result.list);
      void bridge.switchServer(result.server.id);
    },
    () => {
      error.textContent = 'That address could not be added.';
    },
  );
});

const add = new URLSearchParams(window.location.search).get('add');
if (add !== null) input.value = add;
input.focus();

if (bridge === undefined) {
  error.textContent = 'This page works inside the Confab desktop app only.';
} else {
  void bridge.getServers().then(render);
  void bridge.getVersion().then((info) => {
    version.textContent = `Confab ${info.app} · Electron ${info.electron}`;
  });
}
