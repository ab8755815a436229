/** An AWS-style error the sandbox answers with: status, `x-amzn-ErrorType` and a JSON `message`. */
export class SandboxError extends Error {
  constructor(readonly status: number, readonly errorType: string, message: string) {
    super(message);
  }
}

export const validation = (message: string) => new SandboxError(400, 'ValidationException', message);
export const notFound = (message: string) => new SandboxError(404, 'ResourceNotFoundException', message);
