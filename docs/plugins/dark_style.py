"""The figures of the dark palette: the style the build applies around a snippet's draw().

snippet_runs.py calls draw() a second time inside `drawn_dark()`, so that draw() itself holds no
palette logic. The style sets the background to Material's slate background and the ink
(text, axes, ticks, legend) to a light grey. Colours a draw() names (tab:blue, gray, a
colour map) stay as they are, so that captions naming them stay true; only black, which
would vanish on the dark background, becomes the light ink: lines drawn color="black" and
matplotlib's own black defaults, such as quiver's arrows. Two cases keep their light-palette
look in a dark way: a grey image of dark ink on paper (digits) becomes light ink on black, and
text written over an image keeps black ink, since it sits on the image's colours, which stay.
"""

from __future__ import annotations

BACKGROUND = "#1e2129"  # Material's slate background, hsl(225, 15%, 14%)
INK = "#e3e5ea"
STYLE = {
    "figure.facecolor": BACKGROUND,
    "axes.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND,
    "savefig.edgecolor": BACKGROUND,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#a9adb8",
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": "#4b5160",
    "legend.facecolor": "#272b35",
    "legend.edgecolor": "#6b7180",
    "patch.edgecolor": INK,
    "hatch.color": INK,
    # The panes behind a 3-D plot: a faint light grey rather than matplotlib's near-white.
    "axes3d.xaxis.panecolor": (1.0, 1.0, 1.0, 0.06),
    "axes3d.yaxis.panecolor": (1.0, 1.0, 1.0, 0.04),
    "axes3d.zaxis.panecolor": (1.0, 1.0, 1.0, 0.08),
}
# Grey colour maps that draw dark ink on light paper, and their dark-palette counterparts.
INK_ON_PAPER = {"gray_r": "gray", "Greys": "Greys_r", "binary": "binary_r"}


def drawn_dark(draw):
    """The figure draw() returns when drawn in the dark style, its black ink made light."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        figure = draw()
        lighten_black(figure)
        for axes in figure.axes:
            keep_ink_over_images(axes)
    return figure


def keep_ink_over_images(axes) -> None:
    """Grey images in light ink on black; text over an image in black, as in the light palette."""
    for image in axes.images:
        name = image.get_cmap().name
        if name in INK_ON_PAPER:
            image.set_cmap(INK_ON_PAPER[name])
    if axes.images:
        for text in axes.texts:
            if text.get_color() in (INK, "black"):
                text.set_color("black")


def lighten_black(figure) -> None:
    """Every black line, marker, text, patch and collection of the figure in the light ink."""
    from matplotlib.collections import Collection
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    def lightened(colour):
        red, green, blue, alpha = to_rgba(colour)
        return to_rgba(INK, alpha) if (red, green, blue) == (0, 0, 0) else colour

    def lightened_array(colours):
        return [lightened(tuple(colour)) for colour in colours]

    for artist in figure.findobj():
        if isinstance(artist, Line2D):
            artist.set_color(lightened(artist.get_color()))
            artist.set_markerfacecolor(lightened(artist.get_markerfacecolor()))
            artist.set_markeredgecolor(lightened(artist.get_markeredgecolor()))
        elif isinstance(artist, Text):
            artist.set_color(lightened(artist.get_color()))
        elif isinstance(artist, Patch):
            artist.set_facecolor(lightened(artist.get_facecolor()))
            artist.set_edgecolor(lightened(artist.get_edgecolor()))
        elif isinstance(artist, Collection) and artist.get_array() is None:
            # A collection coloured through a colour map keeps it.
            artist.set_facecolor(lightened_array(artist.get_facecolor()))
            artist.set_edgecolor(lightened_array(artist.get_edgecolor()))
