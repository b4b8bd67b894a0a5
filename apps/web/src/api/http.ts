import { ApiError } from './api-error';

/** What is needed of a shared zod schema here. */
export interface Schema<T> {
  parse(value: unknown): T;
}

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string;
}

/** One HTTP request to the server's API (same origin); the answer is checked against `schema`. */
export async function requestJson<T>(path: string, schema: Schema<T>, request: JsonRequest = {}): Promise<T> {
  const response = await send(path, request);
  return schema.parse(await response.json());
}

/** For answers without a body (204). */
export async function requestEmpty(path: string, request: JsonRequest = {}): Promise<void> {
  await send(path, request);
}

async function send(path: string, { method = 'GET', body, token }: JsonRequest): Promise<Response> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await ApiError.from(response);
  return response;
}
