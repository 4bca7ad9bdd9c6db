export * from './allocate-strategy';
export * from './strategies/averagely';
export * from './strategies/averagely-by-circle';
export * from './strategies/by-config';
export * from './strategies/by-machine-room';
export * from './strategies/consistent-hash';
export * from './strategies/machine-room-nearby';
