export * from './java-json-reader';
export * from './body-schema';
export * from './body-decoder';
export * from './java-json-writer';
export * from './body-codec';
