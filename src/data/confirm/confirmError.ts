/** A confirmation refused (unknown rule, not a manual rule, bad period, unknown organisation); the message is Russian. */
export class ConfirmError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfirmError';
  }
}
