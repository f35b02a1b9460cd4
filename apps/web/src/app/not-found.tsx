export { NotFoundView as default } from "@/features/shell/components/not-found-view";
