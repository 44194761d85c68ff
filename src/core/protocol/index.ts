export * from './visitor';
export * from './sync';
export * from './auth';
export * from './invites';
export * from './history';
export * from './attachments';
export * from './versions';
