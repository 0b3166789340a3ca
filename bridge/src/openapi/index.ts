export { buildOpenApiDocument, OPENAPI_PATH } from "./build-openapi-document.ts";
export { openApiRoutes } from "./openapi-routes.ts";
