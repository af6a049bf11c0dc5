export { apiRouters, createApp } from './app';
export { withHotRoutes, type RequestHandler } from './hot-routes';
export { errorMiddleware, errorToResponse, type ErrorBody, type Logger } from './errors';
export { openApiDocument } from './openapi';
export type { AppContext, AppServices, AppState } from './context';
