export * from './visitor';
export * from './sync';
export * from './auth';
export * from './history';
export * from './attachments';
