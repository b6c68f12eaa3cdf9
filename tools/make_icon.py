"""Draw the application's icons: resources/icons/actionplans.ico, a ticked checklist on a blue
tile (the .png beside it is the same at 256 px: the window's icon, which Qt reads without
loading its .ico plugin at every start), and warning.png, the mark beside a row the checks
found a problem in.

Run by hand when an icon should change: `python tools/make_icon.py`. It needs Pillow, which the
build machine has (reportlab depends on it); the icons are committed so the build does not run
this. Drawn large and scaled down by Pillow: the .ico to every size Windows asks for, the mark to
32 px (shown at 16, sharp at 200% scaling). The mark is ours rather than the style's warning
icon because asking the style for it costs the window's start a few milliseconds.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
BLUE, WHITE, GREEN, GREY = "#005eb8", "#ffffff", "#007f3b", "#425563"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
AMBER, INK = "#ffb81c", "#212b32"


def draw(size: int = 256) -> Image.Image:
    """The icon at `size` pixels: three ticked lines on a sheet, on a rounded blue tile."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    unit = size / 16
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=3 * unit, fill=BLUE)
    pen.rounded_rectangle((3 * unit, 2 * unit, 13 * unit, 14 * unit), radius=unit, fill=WHITE)
    for row in range(3):
        top = (4.2 + row * 3.3) * unit
        pen.line(
            [(4.3 * unit, top + 0.9 * unit), (5.2 * unit, top + 1.8 * unit), (6.8 * unit, top)],
            fill=GREEN,
            width=max(1, round(0.7 * unit)),
            joint="curve",
        )
        pen.rounded_rectangle(
            (7.6 * unit, top + 0.5 * unit, 11.8 * unit, top + 1.4 * unit),
            radius=0.4 * unit,
            fill=GREY,
        )
    return image


def draw_warning(size: int = 256) -> Image.Image:
    """A warning mark at `size` pixels: a dark "!" on an amber triangle with a dark edge."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    unit = size / 16
    corners = [(8 * unit, 1 * unit), (15.2 * unit, 14.6 * unit), (0.8 * unit, 14.6 * unit)]
    pen.polygon(corners, fill=AMBER, outline=INK, width=round(0.8 * unit))
    pen.rounded_rectangle(
        (7.1 * unit, 5 * unit, 8.9 * unit, 10.4 * unit), radius=0.8 * unit, fill=INK
    )
    pen.ellipse((7.1 * unit, 11.3 * unit, 8.9 * unit, 13.1 * unit), fill=INK)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    draw().save(ICONS / "actionplans.ico", sizes=SIZES)
    draw().save(ICONS / "actionplans.png")
    draw_warning().resize((32, 32), Image.Resampling.LANCZOS).save(ICONS / "warning.png")
    print(f"Wrote the icons in {ICONS}")


if __name__ == "__main__":
    main()
