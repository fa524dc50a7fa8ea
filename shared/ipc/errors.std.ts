import { z } from 'zod';

export const ErrorCode = z.enum([
  /** The request did not match the contract. */
  'invalid_request',
  'unknown_method',
  'not_found',
  /** Credentials were refused by the provider. */
  'auth',
  /** A provider or host could not be reached. */
  'unavailable',
  /** The local database refused: locked, read-only, corrupt or full. */
  'storage',
  'provider',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.object({
  code: ErrorCode,
  /** Words a user understands. */
  message: z.string(),
  /** Field-level problems, for forms. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

/** Thrown by core handlers; crosses the process boundary as an IpcError. */
export class SwitchboardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'SwitchboardError';
  }

  toIpc(): IpcError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
