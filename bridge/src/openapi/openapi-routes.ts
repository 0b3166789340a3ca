import { Router } from "express";
import { methodNotAllowed } from "../http/handle-errors.ts";
import { buildOpenApiDocument, OPENAPI_PATH } from "./build-openapi-document.ts";

/**
 * GET /api/v1/openapi.json — the API's description, built once at start. Public, unlike the rest of
 * /api/v1: it holds no data, and tools (Swagger UI, client generators) fetch it without a token.
 * It is the OpenAPI document itself, not wrapped in the {success,data} envelope.
 */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  router
    .route(OPENAPI_PATH)
    .get((_req, res) => {
      res.json(document);
    })
    .all(methodNotAllowed(["GET"]));
  return router;
}
