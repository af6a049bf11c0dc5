export { createEmbeddedProvider, type EmbeddedProvider } from './embedded';
export { createRelyingParty, type RelyingParty, type RequestSite } from './relying-party';
export { CALLBACK_PATH, EMBEDDED_PATH, START_PATH, STATE_COOKIE } from './paths';
