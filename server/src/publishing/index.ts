export { PublishingService, type PublishingOptions } from './service';
export { PublishValidator, type Catalogues, type CheckResult } from './validator';
export { publishVersion, retireVersion, MAX_SOURCE_BYTES } from './versions';
