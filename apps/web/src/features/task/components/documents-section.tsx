"use client";

import { useActionState, useRef } from "react";
import { FormError, SubmitButton } from "@/features/shell/client";
import { deleteDocumentAction, uploadDocumentAction } from "../actions";
import type { TaskExtrasView } from "../server/task-extras";

function DeleteDocument({ projectId, documentId }: { projectId: string; documentId: string }) {
  const [state, action] = useActionState(deleteDocumentAction, null);
  return (
    <form action={action}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="documentId" value={documentId} />
      <SubmitButton tone="secondary" busy="Deleting…">
        Delete
      </SubmitButton>
      <FormError state={state} />
    </form>
  );
}

/**
 * Text documents (guidelines, wikis) for retrieval prompts: uploaded, stored chunked, and the
 * best BM25 passages for the task go in front of "retrieval" prompts.
 *
 * @example
 * <DocumentsSection projectId={id} documents={extras.documents} />
 */
export function DocumentsSection({ projectId, documents }: { projectId: string; documents: TaskExtrasView["documents"] }) {
  const [state, action] = useActionState(uploadDocumentAction, null);
  const form = useRef<HTMLFormElement>(null);
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h3 className="font-semibold">Documents for retrieval</h3>
        <p className="text-sm text-slate-600">UTF-8 text (.txt, .md), up to 2 MB each. Used by the &ldquo;retrieval&rdquo; info kind.</p>
      </div>
      <ul data-testid="document-list" className="divide-y divide-slate-100 text-sm">
        {documents.length === 0 && <li className="py-2 text-slate-500">No documents.</li>}
        {documents.map((d) => (
          <li key={d.id} className="flex items-center gap-3 py-2">
            <span className="flex-1 font-medium">{d.name}</span>
            <span className="text-slate-500">
              {d.bytes.toLocaleString("en")} bytes, {d.chunks} chunks
            </span>
            <DeleteDocument projectId={projectId} documentId={d.id} />
          </li>
        ))}
      </ul>
      <form ref={form} action={action} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="projectId" value={projectId} />
        <input
          type="file"
          name="document"
          accept=".txt,.md,.markdown,.csv,.json,text/plain,text/markdown"
          required
          data-testid="document-file"
          className="text-sm"
        />
        <SubmitButton tone="secondary" testId="upload-document" busy="Uploading…">
          Upload document
        </SubmitButton>
        <FormError state={state} />
      </form>
    </section>
  );
}
