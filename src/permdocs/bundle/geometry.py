"""Boxes and matrices in PDF's coordinates, for measuring pages and placing
stamps. A box is (x0, y0, x1, y1) with x0 <= x1 and y0 <= y1; a matrix is
PDF's six numbers (a, b, c, d, e, f)."""

from __future__ import annotations

Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: the CTM is m x n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def transformed_box(box: Box, m: Matrix) -> Box:
    x0, y0, x1, y1 = box
    a, b, c, d, e, f = m
    xs = (a * x0 + c * y0 + e, a * x1 + c * y0 + e, a * x0 + c * y1 + e, a * x1 + c * y1 + e)
    ys = (b * x0 + d * y0 + f, b * x1 + d * y0 + f, b * x0 + d * y1 + f, b * x1 + d * y1 + f)
    return (min(xs), min(ys), max(xs), max(ys))


def intersection(one: Box | None, other: Box | None) -> Box | None:
    if one is None:
        return other
    if other is None:
        return one
    box = (max(one[0], other[0]), max(one[1], other[1]), min(one[2], other[2]), min(one[3], other[3]))
    return box if box[0] <= box[2] and box[1] <= box[3] else (box[0], box[1], box[0], box[1])


def overlaps(one: Box, other: Box) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]
