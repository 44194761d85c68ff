/** An edit or delete of a record that is not on this device (deleted meanwhile, or a wrong id). */
export class RecordNotFoundError extends Error {
  readonly code = 'not_found';
  readonly id: string;

  constructor(collection: string, id: string) {
    super(`No ${collection} record ${id} on this device`);
    this.name = 'RecordNotFoundError';
    this.id = id;
  }
}
