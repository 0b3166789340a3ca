export * as api from "./api";
export * as lib from "./lib";
