"""Draw resources/icons/actionplans.ico: a ticked checklist on a blue tile.

Run by hand when the icon should change: `python tools/make_icon.py`. It needs Pillow, which the
build machine has (reportlab depends on it); the .ico is committed so the build does not run this.
Drawn at 256 px and scaled down by Pillow to every size Windows asks for.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
BLUE, WHITE, GREEN, GREY = "#005eb8", "#ffffff", "#007f3b", "#425563"
TARGET = Path(__file__).resolve().parent.parent / "resources" / "icons" / "actionplans.ico"


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


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(TARGET, sizes=SIZES)
    print(f"Wrote {TARGET}")


if __name__ == "__main__":
    main()
