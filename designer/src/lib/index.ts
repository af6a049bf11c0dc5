/** Pure helpers of the designer (no React): tested in node. */
export * from './api';
export * from './diagnose';
export * from './flow-graph';
export * from './form';
export * from './format';
export type * from './types';
export * from './fee-estimate';
export * from './worklist-query';
