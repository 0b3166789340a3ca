export { default as CrmService } from "./CrmService";
