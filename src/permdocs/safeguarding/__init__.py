"""What each copy may show: the values a copy withholds and how free text names them
(``withholding``), finding those values written out in text (``mentions``, ``given_name_forms``), and
rewriting a case for one copy (``redaction``)."""
