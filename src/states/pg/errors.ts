import { StateBackendError } from '../backend.js';

/** Where a PostgreSQL backend connects, as shown in messages (never the password). */
export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

/** What went wrong with the database: no connection, a connection lost while in use, or a refused statement. */
export type PgFailure = 'connect' | 'lost' | 'query';

/**
 * The PostgreSQL backend cannot do its work: the server cannot be reached or refuses the login
 * (`connect`), the session died while in use, taking its state lock with it (`lost`), or the server
 * refused a statement, e.g. for lack of privileges (`query`). The message names the host, port,
 * database and user, and the cause; it never contains the password or a stack trace.
 */
export class PgBackendError extends StateBackendError {
  readonly failure: PgFailure;
  readonly target: PgTarget;
  /** The server's SQLSTATE or the socket's error code (`ECONNREFUSED`), when there is one. */
  readonly causeCode: string | undefined;
  constructor(failure: PgFailure, target: PgTarget, message: string, causeCode?: string) {
    super(SUMMARIES[failure], message);
    this.name = 'PgBackendError';
    this.failure = failure;
    this.target = target;
    this.causeCode = causeCode;
  }
}

const SUMMARIES: Readonly<Record<PgFailure, string>> = {
  connect: 'Failed to connect to the PostgreSQL state backend',
  lost: 'Lost the connection to the PostgreSQL state backend',
  query: 'The PostgreSQL state backend refused an operation',
};

/** `host:port, database "db", user "u"` for messages. */
export function describeTarget(t: PgTarget): string {
  return `${t.host}:${t.port} (database "${t.database}", user "${t.user}")`;
}

/**
 * Turns an error from the `pg` driver into a PgBackendError: what happened in words (connection
 * refused, host not found, timeout, authentication failed, database missing, connection terminated),
 * with the server's own message when it gave one. The password never appears: the driver's messages
 * do not contain it, and the target carries none.
 */
export function wrapPgError(e: unknown, failure: PgFailure, target: PgTarget): PgBackendError {
  if (e instanceof PgBackendError) return e;
  const err = e as { code?: unknown; message?: unknown; errno?: unknown } | undefined;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const raw = typeof err?.message === 'string' ? err.message : String(e);
  const where = describeTarget(target);
  let cause: string;
  switch (code) {
    case 'ECONNREFUSED':
      cause = `the connection was refused: is PostgreSQL running and listening on ${target.host}:${target.port}?`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      cause = `the host name "${target.host}" cannot be resolved`;
      break;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      cause = `the server cannot be reached (${code})`;
      break;
    case '28P01':
    case '28000':
      cause = `authentication failed: ${raw}. Check the user and password in conn_str (or PGUSER/PGPASSWORD)`;
      break;
    case '3D000':
      cause = `${raw}. Create it first (createdb ${target.database}) or name another database in conn_str`;
      break;
    case '57P01':
    case '57P02':
    case '57P03':
      cause = `the server ended the session: ${raw}`;
      break;
    default:
      cause = /timeout/i.test(raw) ? `no answer within the connection timeout (${raw})` : raw;
  }
  let message: string;
  if (failure === 'connect') message = `minitf cannot connect to PostgreSQL at ${where}: ${sentence(cause)}`;
  else if (failure === 'lost') {
    message = `The connection to PostgreSQL at ${where} was lost: ${sentence(cause)} The state lock held on that session is released with it (a "minitf force-unlock" ends the holder's session), so this run stops here; nothing more was written. Run the command again.`;
  } else message = `PostgreSQL at ${where} refused a state operation: ${sentence(`${cause}${code ? ` (SQLSTATE ${code})` : ''}`)}`;
  return new PgBackendError(failure, target, message, code);
}

/** `text` ending with one full stop (none added after `.`, `?` or `!`). */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}
