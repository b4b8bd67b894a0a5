import { pino } from 'pino';

export type Logger = pino.Logger;

/** JSON logs; credentials are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'accessToken',
        '*.accessToken',
        'refreshToken',
        '*.refreshToken',
        'req.headers.authorization',
        'headers.authorization',
        'auth.token',
      ],
      censor: '[redacted]',
    },
  });
}
