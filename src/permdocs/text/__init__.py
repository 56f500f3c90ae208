"""Turning case text into document text: the block model (``blocks``), the one Jinja environment
and its filters (``templating``) and the sandbox for templates a council supplies (``untrusted``)."""
