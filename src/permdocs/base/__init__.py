"""The ground every stage stands on: the strict text types and the base model (``strict``), the
sensitivity tags (``sensitivity``), the Markdown subset (``narrative``), JSON Schema generation,
the policy settings, where the packaged files are (``resources``) and safe file writing (``output``)."""
