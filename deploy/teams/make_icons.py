"""Draw the Teams app icons: color.png (192×192, full colour) and outline.png (32×32).

A dev tool, run once; the PNGs are committed beside it. It needs Pillow (a dev dependency):

    .venv/bin/python deploy/teams/make_icons.py

The mark is drawn from plain shapes (no fonts, so the result does not depend on the machine):
a bold "L" for Laget and three dots for the team around it. Each icon is drawn eight times too
large and scaled down, which gives smooth edges. The outline icon is pure white on transparent,
as Teams requires: only its alpha channel varies.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

HERE = Path(__file__).resolve().parent
SCALE = 8
BACKGROUND = (27, 94, 122)  # the manifest's accentColor, #1B5E7A
LETTER = (255, 255, 255)
DOTS = (242, 177, 52)

# The mark on a 32-unit grid: the "L" as two bars and three dots (centre x, centre y, radius).
L_BARS = ((7.0, 5.0, 14.0, 27.0), (7.0, 20.0, 25.0, 27.0))
DOT_CENTRES = ((21.5, 7.5, 3.5), (21.5, 15.5, 3.0), (27.0, 11.5, 2.5))


def _masks(size: int, margin: float) -> tuple[Image.Image, Image.Image]:
    """The "L" and the dots as two 8-bit masks of `size` pixels, inset by `margin` grid units."""
    big = size * SCALE
    unit = big / (32 + 2 * margin)
    offset = margin * unit
    letter = Image.new("L", (big, big), 0)
    dots = Image.new("L", (big, big), 0)
    for left, top, right, bottom in L_BARS:
        box = [offset + edge * unit for edge in (left, top, right, bottom)]
        ImageDraw.Draw(letter).rectangle(box, fill=255)
    for x, y, r in DOT_CENTRES:
        cx, cy, cr = offset + x * unit, offset + y * unit, r * unit
        ImageDraw.Draw(dots).ellipse((cx - cr, cy - cr, cx + cr, cy + cr), fill=255)
    small = (size, size)
    resample = Image.Resampling.LANCZOS
    return letter.resize(small, resample), dots.resize(small, resample)


def color_icon() -> Image.Image:
    """192×192, full colour: the mark on the accent colour, filling the whole square."""
    size = 192
    image = Image.new("RGB", (size, size), BACKGROUND)
    letter, dots = _masks(size, margin=6.0)
    image.paste(Image.new("RGB", (size, size), LETTER), (0, 0), letter)
    image.paste(Image.new("RGB", (size, size), DOTS), (0, 0), dots)
    return image


def outline_icon() -> Image.Image:
    """32×32, white on transparent: every pixel is white, only the alpha channel varies."""
    size = 32
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    letter, dots = _masks(size, margin=0.0)
    image.putalpha(ImageChops.lighter(letter, dots))
    return image


def main() -> None:
    """Write both icons beside this script."""
    color_icon().save(HERE / "color.png", optimize=True)
    outline_icon().save(HERE / "outline.png", optimize=True)


if __name__ == "__main__":
    main()
