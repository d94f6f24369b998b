// PLACEHOLDER: replaced by the parser's issue model.
export interface CapsIssue {
  readonly code: string;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}
export class CapsParseError extends Error {
  override readonly name = 'CapsParseError';
  readonly offset: number;
  constructor(
    readonly input: string,
    readonly issues: readonly CapsIssue[],
  ) {
    super(issues[0]?.message ?? 'invalid caps');
    this.offset = issues[0]?.offset ?? 0;
  }
}
