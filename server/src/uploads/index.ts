export { UploadStore, mediaTypeAllowed } from './store';
