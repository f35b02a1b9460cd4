export { NotFoundView as default } from "@/features/shell/client";
