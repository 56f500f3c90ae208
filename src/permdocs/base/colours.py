"""Colours a profile chooses, and whether text set in them can be read.

WCAG 2.2 success criterion 1.4.3 (Contrast, minimum; level AA) asks for a
contrast ratio of at least 4.5:1 between text and its background. The
Public Sector Bodies (Websites and Mobile Applications) Accessibility
Regulations 2018 hold councils to WCAG AA, and a council's documents reach
readers with low vision. The ratio is WCAG's: (L1 + 0.05) / (L2 + 0.05) of
the relative luminances of the lighter and the darker colour.
"""

from __future__ import annotations

#: WCAG 2.2 AA, 1.4.3: the least contrast for text of any size.
MINIMUM_CONTRAST = 4.5
WHITE = "#FFFFFF"
BLACK = "#000000"


def accent_tint(colour: str, share: float = 0.18) -> str:
    """A pale tint of a #RRGGBB colour (RRGGBB, no hash), for shaded table
    header rows in every format."""
    return "".join(f"{round(255 - (255 - c) * share):02X}" for c in _rgb(colour))


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG's contrast ratio of two #RRGGBB colours, from 1 (none) to 21."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of an sRGB colour."""
    channels = [value / 255 for value in _rgb(colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.removeprefix("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def darkest_needed(colour: str, background: str = WHITE) -> str:
    """The same hue darkened just enough to reach MINIMUM_CONTRAST on
    ``background``: a suggestion for a council whose colour is too pale."""
    red, green, blue = _rgb(colour)
    for step in range(100, -1, -1):
        k = step / 100
        candidate = f"#{round(red * k):02X}{round(green * k):02X}{round(blue * k):02X}"
        if contrast_ratio(candidate, background) >= MINIMUM_CONTRAST:
            return candidate
    return BLACK
