"""One render, from a request to files: what to render (``request``) and the pipeline that loads,
checks, redacts and writes (``pipeline``)."""
