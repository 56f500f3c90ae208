"""The case model and its loader: JSON in, a validated :class:`Case` out."""

from .loading import case_from_dict, case_from_json, json_path, load_case
from .model import Case

__all__ = ["Case", "case_from_dict", "case_from_json", "json_path", "load_case"]
