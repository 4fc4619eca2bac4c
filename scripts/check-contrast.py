#!/usr/bin/env python3
"""Check the pages' colour contrast, light and dark mode, against WCAG 2.1.

Text drawn in a colour other than the page's text colour needs 4.5:1 against what it sits on
(1.4.3: the charts' labels are small, never "large text"); series lines, markers and legend
swatches need 3:1 (1.4.11). The colours come from templates/style.mustache (the page's CSS
variables, light and dark) and the SVG charts' light fallbacks from
Sources/Render/SVG/SeriesStyle.swift, which must equal the light CSS; so the check follows the
code. Prints a table and exits 1 if anything falls short.

    python3 scripts/check-contrast.py
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
style = (root / "templates/style.mustache").read_text()
swift = (root / "Sources/Render/SVG/SeriesStyle.swift").read_text()
axes = (root / "Sources/Render/SVG/AxisDrawing.swift").read_text()
svg_sources = "\n".join(path.read_text() for path in sorted((root / "Sources/Render/SVG").glob("*.swift")))

TEXT, NON_TEXT = 4.5, 3.0


def variables(block: str) -> dict[str, str]:
    return dict(re.findall(r"(--[\w-]+):\s*([^;]+);", re.sub(r"/\*.*?\*/", "", block, flags=re.S)))


light = variables(re.search(r":root\s*{(.*?)}", style, re.S).group(1))
dark = light | variables(re.search(r"prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{(.*?)}", style, re.S).group(1))


def resolve(theme: dict[str, str], name: str) -> str:
    value = theme[name].strip()
    reference = re.fullmatch(r"var\((--[\w-]+)\)", value)
    return resolve(theme, reference.group(1)) if reference else value


def rgb(colour: str) -> tuple[float, ...]:
    digits = colour.lstrip("#")
    return tuple(int(digits[i : i + 2], 16) for i in (0, 2, 4))


def over(colour: str, opacity: float, background: str) -> str:
    """`colour` at `opacity` over `background`, blended as a browser does (in sRGB)."""
    mixed = (opacity * c + (1 - opacity) * b for c, b in zip(rgb(colour), rgb(background)))
    return "#" + "".join(f"{round(c):02x}" for c in mixed)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (c / 255 for c in rgb(colour))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def swift_array(name: str) -> list[str]:
    return re.findall(r'"(#[0-9a-f]{6})"', re.search(rf"static let {name} = \[(.*?)\]", swift, re.S).group(1))


problems = []
slots = range(1, 9)
for name, key in (("palette", "--series-{}"), ("textPalette", "--series-{}-text")):
    fallbacks = swift_array(name)
    css = [resolve(light, key.format(slot)) for slot in slots]
    if fallbacks != css:
        problems.append(f"SeriesStyle.{name} {fallbacks} differs from the light CSS {css}")

# What coloured things sit on: the page, a table's even row, and the charts' grey panels (the inf
# panel and the top band: the text colour at the opacity panelBackground gives it).
panel_opacity = float(re.search(r'func panelBackground.*?"fill-opacity": "([\d.]+)"', axes, re.S).group(1))
# Chart text in the text colour made fainter by an opacity of its own ("No data", a legend note).
faint_text = sorted({float(o) for o in re.findall(r'"text",\s*\[[^\]]*?"fill-opacity": "([\d.]+)"', svg_sources)})

# (what, colour, needed, backgrounds)
uses = [
    ("page text", "--text", TEXT, "page row panel warning"),
    ("muted text: header, notes, footer", "--muted", TEXT, "page row"),
    ("links, details summaries", "--link", TEXT, "page row warning"),
    ("worse badge (history index)", "--worse", TEXT, "page row"),
    ("better badge (history index)", "--better", TEXT, "page row"),
]
uses += [(f"series {slot} text: point and change-point labels", f"--series-{slot}-text", TEXT, "page row panel")
         for slot in slots]
uses += [(f"series {slot} lines, markers, swatches", f"--series-{slot}", NON_TEXT, "page row panel") for slot in slots]

# Every `color:` in the style sheet must be a text use checked here, so a new coloured text (or
# text in a line's colour) is not missed.
checked = {colour for _, colour, needed, _ in uses if needed == TEXT}
for rule in re.findall(r"color:\s*var\((--[\w-]+)\)", style):
    if rule not in checked:
        problems.append(f"the style sheet colours text with {rule}, which this script does not check")

for theme_name, theme in (("light", light), ("dark", dark)):
    page, text = resolve(theme, "--background"), resolve(theme, "--text")
    backgrounds = {
        "page": page,
        "row": resolve(theme, "--surface"),
        "panel": over(text, panel_opacity, page),
        "warning": resolve(theme, "--warning-background"),
    }
    print(f"{theme_name} mode: page {page}, row {backgrounds['row']}, panel {backgrounds['panel']}, "
          f"warning {backgrounds['warning']}")
    rows = [(what, resolve(theme, colour), needed, on.split()) for what, colour, needed, on in uses]
    rows += [(f"chart text at opacity {o}", over(text, o, page), TEXT, ["page"]) for o in faint_text]
    for what, colour, needed, on in rows:
        ratios = {name: ratio(colour, backgrounds[name]) for name in on}
        worst = min(ratios.values())
        verdict = "ok" if worst >= needed else f"FAIL (needs {needed}:1)"
        print(f"  {what:52} {colour}  " + "  ".join(f"{n} {r:5.2f}" for n, r in ratios.items()) + f"  {verdict}")
        if worst < needed:
            problems.append(f"{theme_name}: {what} ({colour}) is {worst:.2f}:1, needs {needed}:1")

for problem in problems:
    print("problem:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
