export { UploadStore, cleanFileName, mediaTypeAllowed, MAX_FILE_NAME } from './store';
