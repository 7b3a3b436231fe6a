"""What the improved figures draw: contour lines under the gradient field, marked start and end
of the descent paths, named axes and printed cells of the dW heat map, slope guides on the
error plot; and every figure narrow enough for a phone (the browser test measures the page)."""

import difference_error
import gradient
import gradient_descent
import learning_rate
import numpy as np
import partial_derivative
import pytest
import simple_net
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

# Wider than 5 inches (480 CSS pixels), a figure's text drops below 60% of its size on a
# 390-pixel phone, whose article leaves about 340 pixels for it.
PHONE_WIDTH_INCHES = 5


def legend_labels(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_gradient_field_is_stacked_and_drawn_over_contour_lines_of_f():
    fig = gradient.draw()
    assert isinstance(fig, Figure)
    fields = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(fields) == 2
    top, bottom = (ax.get_position() for ax in fields)
    assert top.y0 > bottom.y1, "the to-scale field is below the normalised one"
    for ax in fields:
        contours = [c for c in ax.collections if isinstance(c, ContourSet)]
        assert contours, "no contour lines"
        # f is constant on each line: x0^2 + x1^2 equals its level.
        for level, path in zip(gradient.CONTOUR_LEVELS, contours[0].get_paths(), strict=True):
            radii_squared = (path.vertices**2).sum(axis=1)
            np.testing.assert_allclose(radii_squared, level, rtol=5e-3)  # chords of a grid
        labels = sorted(float(t.get_text()) for t in ax.texts)
        assert labels == gradient.CONTOUR_LEVELS


def test_the_arrows_cross_the_contour_lines_at_right_angles():
    """The page's claim: -grad f at a point on a contour is along the normal, i.e. radial."""
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    for level in gradient.CONTOUR_LEVELS:
        points = np.sqrt(level) * np.column_stack([np.cos(angles), np.sin(angles)])
        descent = -gradient.numerical_gradient_batch(partial_derivative.function_2, points)
        tangents = np.column_stack([-points[:, 1], points[:, 0]])
        np.testing.assert_allclose((descent * tangents).sum(axis=1), 0, atol=1e-6)


def markers_by_label(ax) -> dict[str, Line2D]:
    handles, labels = ax.get_legend_handles_labels()
    return dict(zip(labels, handles, strict=True))


def test_descent_path_marks_start_and_end_with_distinct_shapes():
    ax = gradient_descent.draw().axes[0]
    marked = markers_by_label(ax)
    start = marked["start (\u22123, 4)"]
    end = marked[f"end, step {gradient_descent.DRAWN_STEPS}"]
    assert start.get_marker() != end.get_marker()
    np.testing.assert_array_equal(start.get_xydata(), [gradient_descent.INIT_X])
    expected_end = np.array(gradient_descent.INIT_X) * 0.8**gradient_descent.DRAWN_STEPS
    np.testing.assert_allclose(end.get_xydata()[0], expected_end, rtol=1e-6)


def test_learning_rate_plot_marks_start_ends_and_refusal_and_differs_by_line_style():
    ax = learning_rate.draw().axes[0]
    marked = markers_by_label(ax)
    shapes = {marked[label].get_marker() for label in (
        "start (\u22123, 4)",
        f"end after {learning_rate.STEP_NUM} steps",
        "stopped: step refused",
    )}
    assert len(shapes) == 3
    styles = {marked[f"lr = {lr:g}"].get_linestyle() for lr in learning_rate.LEARNING_RATES}
    assert len(styles) == len(learning_rate.LEARNING_RATES)
    # One end marker per learning rate, at its last point: step 100, 100, and 5 (refused).
    ends = [
        line for line in ax.lines
        if line.get_marker() in ("s", "X") and len(line.get_xdata()) == 1
    ]
    assert sorted(int(line.get_xdata()[0]) for line in ends) == [5, 100, 100]


def test_learning_rate_lower_panel_shows_x0_with_its_sign_for_each_regime():
    """The page's regimes: x0 from -3 multiplied by 1 - 2 lr at every step."""
    fig = learning_rate.draw()
    assert len(fig.axes) == 2
    top, bottom = (ax.get_position() for ax in fig.axes)
    assert top.y0 > bottom.y1, "the x0 panel is below the distance panel"
    lines = markers_by_label(fig.axes[1])
    rates = learning_rate.REGIME_RATES
    assert set(lines) == {f"lr = {lr:g}" for lr in rates}
    steps = np.arange(learning_rate.REGIME_STEPS + 1)
    shown = {}
    for lr in rates:
        step, x0 = lines[f"lr = {lr:g}"].get_data()
        _, history = gradient_descent.gradient_descent(
            partial_derivative.function_2, gradient_descent.INIT_X, lr=lr,
            step_num=learning_rate.REGIME_STEPS,
        )
        np.testing.assert_array_equal(step, steps)
        np.testing.assert_array_equal(x0, history[:, 0])
        np.testing.assert_allclose(x0, (1 - 2 * lr) ** steps * -3.0, rtol=0, atol=1e-9)
        shown[lr] = x0
    assert np.all(np.sign(shown[0.1]) == -1), "lr = 0.1 stays on one side"
    assert np.all(np.sign(shown[0.9][1:]) == -np.sign(shown[0.9][:-1])), "0.9 jumps every step"
    # lr = 0.5: the first step lands on 0 up to the numerical gradient's rounding (about
    # 1.9e-12: half the 3.8e-12 error of the gradient at -3), and the next steps stay there.
    assert abs(shown[0.5][1]) < 1e-11
    np.testing.assert_allclose(shown[0.5][2:], 0, rtol=0, atol=1e-12)
    assert abs(shown[0.9][-1]) < abs(shown[0.9][0]) < abs(shown[1.04][-1]), "0.9 in, 1.04 out"
    styles = {(line.get_linestyle(), line.get_marker()) for line in lines.values()}
    assert len(styles) == len(rates), "told apart by line style and marker, not colour alone"


def test_dW_heat_maps_name_their_axes_and_print_every_cell():
    fig = simple_net.draw()
    maps = [ax for ax in fig.axes if ax.images]
    assert len(maps) == 2
    numeric, exact = simple_net.gradients()
    for ax, matrix in zip(maps, (numeric, exact), strict=True):
        assert ax.get_xlabel() == "class $k$" and ax.get_ylabel() == "input $i$"
        printed = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
        assert len(printed) == matrix.size
        for (row, col), value in np.ndenumerate(matrix):
            text = printed[row, col]
            assert text.get_text() == f"{value:.4f}".replace("-", "\u2212")
            assert text.get_fontsize() >= 10


def test_dW_cell_text_has_enough_contrast_with_its_cell():
    """WCAG contrast of at least 4.5:1 between each printed number and its cell's colour."""
    from matplotlib.colors import to_rgb

    def luminance(rgb):
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for ax in (ax for ax in simple_net.draw().axes if ax.images):
        image = ax.images[0]
        for text in ax.texts:
            col, row = (round(v) for v in text.get_position())
            cell = image.cmap(image.norm(image.get_array()[row, col]))[:3]
            darker, lighter = sorted((luminance(cell), luminance(to_rgb(text.get_color()))))
            assert (lighter + 0.05) / (darker + 0.05) >= 4.5, text.get_text()


def test_error_plot_has_guides_of_slope_one_and_two():
    ax = difference_error.draw().axes[0]
    guides = markers_by_label(ax)
    for label, slope in (("$\\propto h$ (slope 1)", 1), ("$\\propto h^2$ (slope 2)", 2)):
        h, error = guides[label].get_data()
        measured = np.diff(np.log10(error)) / np.diff(np.log10(h))
        np.testing.assert_allclose(measured, slope)


@pytest.mark.parametrize(
    "module", [gradient, gradient_descent, learning_rate, simple_net, difference_error]
)
def test_changed_figures_fit_a_phone(module):
    width, _ = module.draw().get_size_inches()
    assert width <= PHONE_WIDTH_INCHES
