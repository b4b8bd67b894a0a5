import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { E2E_ADMIN_TOKEN, serverUrl } from './env.js';

export interface Person {
  id: string;
  username: string;
  displayName: string;
  password: string;
}

async function api<T>(
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${serverUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** A new account, made by the workspace admin over the HTTP API; unique per test. */
export async function createPerson(displayName: string): Promise<Person> {
  const username = `${displayName.toLowerCase().replace(/[^a-z0-9]/g, '')}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const profile = await api<{ id: string }>('/api/users', {
    method: 'POST',
    token: process.env[E2E_ADMIN_TOKEN],
    body: { username, displayName, password },
  });
  return { id: profile.id, username, displayName, password };
}

export async function logInOverApi(person: Person): Promise<{ accessToken: string }> {
  return api('/api/auth/login', {
    method: 'POST',
    body: { username: person.username, password: person.password, deviceName: 'e2e helper' },
  });
}

/** A direct conversation between two people, opened over the API (the UI way is tested separately). */
export async function openDirect(from: Person, to: Person): Promise<string> {
  const { accessToken } = await logInOverApi(from);
  const state = await api<{ id: string }>('/api/conversations/direct', {
    method: 'POST',
    token: accessToken,
    body: { userId: to.id },
  });
  return state.id;
}

export async function createGroup(owner: Person, name: string, members: Person[]): Promise<string> {
  const { accessToken } = await logInOverApi(owner);
  const state = await api<{ id: string }>('/api/conversations', {
    method: 'POST',
    token: accessToken,
    body: { kind: 'group', name, memberIds: members.map((member) => member.id) },
  });
  return state.id;
}

export interface Device {
  context: BrowserContext;
  page: Page;
  /** JavaScript dialogs the page opened (alert, confirm): there should never be any. */
  dialogs: string[];
}

/** A browser of this person's, signed in through the sign-in form. */
export async function signIn(
  browser: Browser,
  person: Person,
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Device> {
  const context = await browser.newContext({ baseURL: serverUrl(), viewport: options.viewport });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/');
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  return { context, page, dialogs };
}

export const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Conversations' });

export const conversationLink = (page: Page, name: string) =>
  sidebar(page).getByRole('link', { name: new RegExp(name) });

export async function openConversation(page: Page, name: string): Promise<void> {
  await conversationLink(page, name).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
}

export const composer = (page: Page) => page.getByRole('textbox', { name: /^Message / });

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

export const messages = (page: Page) => page.getByRole('region', { name: /^Messages in / });

/** The rendered message bodies, in the order on screen, with white space collapsed. */
export async function bodies(page: Page): Promise<string[]> {
  const texts = await messages(page).locator('.message-body').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}
