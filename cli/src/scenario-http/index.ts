export { httpDriver } from './driver';
export { ApiClient, errorOf } from './client';
