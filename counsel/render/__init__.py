"""Filed-ready documents: sandboxed templates -> one document model -> checked PDF and DOCX."""
