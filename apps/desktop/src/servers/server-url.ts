import { DESKTOP_LIMITS } from '@confab/shared/desktop';

export type ServerUrl = { ok: true; origin: string; name: string } | { ok: false; error: string };

/**
 * What the user typed as their server's address → the origin the window will load. A bare host
 * means https. Only http and https, and no user name or password in the URL: the window would
 * show one origin while the credentials went to whoever the URL names.
 */
export function parseServerUrl(input: string): ServerUrl {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter the address of your Confab server.' };
  if (text.length > DESKTOP_LIMITS.serverUrlMaxChars)
    return { ok: false, error: 'That address is too long.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: 'That is not a web address.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: 'The address must start with https:// (or http://).' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, error: 'Leave the user name and password out of the address.' };
  }
  if (url.hostname === '') return { ok: false, error: 'The address has no host name.' };
  return { ok: true, origin: url.origin, name: url.host };
}
