import { AuthContext } from '@compliance/contracts';

/** What a handler learns about the message besides its payload. */
export class BusContext {
  constructor(
    readonly auth: AuthContext,
    readonly subject: string,
    readonly messageId?: string,
  ) {}

  get companyId(): string {
    return this.auth.companyId;
  }
}
