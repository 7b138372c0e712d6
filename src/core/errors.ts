import { error, type Diagnostic } from '../diag/index.js';
import { HandlerDiagnosticError, ProviderError, TimeoutError } from '../providers/index.js';

const verbs: Record<string, string> = { create: 'creating', update: 'updating', delete: 'destroying', read: 'reading', import: 'importing' };

/**
 * Turns a handler failure into a diagnostic: the API's code, message and RequestId for cloud errors,
 * a handler's own diagnostic as the provider words it (`HandlerDiagnosticError`), a clear timeout
 * message with the last status, or the error's message otherwise.
 */
export function providerErrorDiagnostic(e: unknown, address: string, action: string): Diagnostic {
  const verb = verbs[action] ?? action;
  if (e instanceof ProviderError && e.scope === 'provider') {
    // About the provider instance (rejected credentials): one diagnostic, however many objects failed.
    return error('Invalid provider credentials', e.message);
  }
  if (e instanceof ProviderError) {
    const parts = [`The cloud API refused ${verb} ${address}: ${e.message}`];
    const facts: string[] = [`code ${e.apiCode}`];
    if (e.httpStatus !== undefined) facts.push(`HTTP ${e.httpStatus}`);
    if (e.requestId) facts.push(`RequestId ${e.requestId}`);
    parts.push(`(${facts.join(', ')}).`);
    return error(`Error ${verb} ${address}: ${e.apiCode}`, parts.join(' '), { address });
  }
  if (e instanceof HandlerDiagnosticError) return error(e.summary, e.detail, { address });
  if (e instanceof TimeoutError) {
    return error(`Timeout ${verb} ${address}`, `${e.message}${e.lastStatus ? ` Last status: ${e.lastStatus}.` : ''} Raise the "${e.operation}" value of the resource's timeouts block if the operation needs longer.`, { address });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return error(`Error ${verb} ${address}`, msg, { address });
}
